package oauthserver

import (
	"net"
	"net/url"
	"slices"
	"strings"
)

// policyError is a refused registration: an RFC 7591 §3.2.2 error code and
// a sentence saying what to change.
type policyError struct{ code, description string }

func refuse(code, description string) *policyError { return &policyError{code, description} }

// checkClient applies MAS's default client registration policy
// (policies/client_registration/client_registration.rego) to m, filling in
// RFC 7591's defaults. strict is MAS as shipped: every URI https and not on
// localhost. Relaxed is MAS with allow_insecure_uris, narrowed to loopback:
// http is accepted only on a loopback host, so an http client_uri on a real
// host is still refused.
func checkClient(m *clientMetadata, strict bool) *policyError {
	// Public clients only: the metadata offers token_endpoint_auth_method
	// none alone, and RFC 7591 §2's default (client_secret_basic) would need
	// a secret this stand-in never issues.
	if m.TokenEndpointAuthMethod != "none" {
		return refuse("invalid_client_metadata", `token_endpoint_auth_method must be "none": this server registers public clients only.`)
	}
	// OpenID Connect Dynamic Client Registration §2: web unless said.
	if m.ApplicationType == "" {
		m.ApplicationType = "web"
	}
	if m.ApplicationType != "web" && m.ApplicationType != "native" {
		return refuse("invalid_client_metadata", `application_type must be "web" or "native".`)
	}
	// RFC 7591 §2 defaults; only the code flow and refresh exist here.
	if len(m.ResponseTypes) == 0 {
		m.ResponseTypes = []string{"code"}
	}
	if len(m.GrantTypes) == 0 {
		m.GrantTypes = []string{"authorization_code"}
	}
	for _, rt := range m.ResponseTypes {
		if rt != "code" {
			return refuse("invalid_client_metadata", `response_types may only hold "code".`)
		}
	}
	for _, gt := range m.GrantTypes {
		if gt != "authorization_code" && gt != "refresh_token" {
			return refuse("invalid_client_metadata", `grant_types may only hold "authorization_code" and "refresh_token".`)
		}
	}
	// RFC 7591 §2.1: the code response type goes with the
	// authorization_code grant.
	if !slices.Contains(m.GrantTypes, "authorization_code") {
		return refuse("invalid_client_metadata", `grant_types must include "authorization_code".`)
	}

	// MAS: client_uri is required (missing_client_uri, unless
	// allow_missing_client_uri), and is the host everything else must sit on.
	if m.ClientURI == "" {
		return refuse("invalid_client_metadata", "client_uri is required: the address of the client's home page.")
	}
	home, perr := checkURI("client_uri", m.ClientURI, strict)
	if perr != nil {
		return perr
	}
	// MAS: logo, terms and policy pages on the client_uri host or a
	// subdomain of it, https like client_uri.
	for _, f := range []struct{ name, value string }{{"logo_uri", m.LogoURI}, {"tos_uri", m.TOSURI}, {"policy_uri", m.PolicyURI}} {
		if f.value == "" {
			continue
		}
		u, perr := checkURI(f.name, f.value, strict)
		if perr != nil {
			return perr
		}
		if !onHost(u.Hostname(), home.Hostname()) {
			return refuse("invalid_client_metadata", f.name+" must be on the same host as client_uri ("+home.Hostname()+") or a subdomain of it.")
		}
	}

	// RFC 7591 §2: redirect URIs are required for the code flow.
	if len(m.RedirectURIs) == 0 {
		return refuse("invalid_redirect_uri", "redirect_uris is required: where to send the reader back after signing in.")
	}
	for _, ru := range m.RedirectURIs {
		if perr := checkRedirect(ru, m.ApplicationType, home, strict); perr != nil {
			return perr
		}
	}
	return nil
}

// checkURI parses an absolute URI and applies the scheme rule: https, or
// (relaxed) http on a loopback host; strict also refuses localhost hosts.
func checkURI(field, raw string, strict bool) (*url.URL, *policyError) {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, refuse("invalid_client_metadata", field+" must be an absolute URL such as https://example.org/.")
	}
	if strict {
		if u.Scheme != "https" {
			return nil, refuse("invalid_client_metadata", field+" must use https.")
		}
		if isLoopback(u.Hostname()) {
			return nil, refuse("invalid_client_metadata", field+" must not be on localhost or a loopback address.")
		}
		return u, nil
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return nil, refuse("invalid_client_metadata", field+" must use https (plain http is accepted on a loopback address only).")
	}
	return u, nil
}

// checkRedirect applies MAS's redirect URI rules. Every redirect: absolute
// with no fragment (RFC 6749 §3.1.2). Web clients: https on the client_uri
// host (relaxed: http on loopback too). Native clients (RFC 8252 §7, which
// MAS follows): http on a loopback IP or localhost whatever the mode, a
// private-use scheme that is the client_uri host reversed, or https on that
// host.
func checkRedirect(raw, appType string, home *url.URL, strict bool) *policyError {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		return refuse("invalid_redirect_uri", "Each redirect URI must be an absolute URL; "+quote(raw)+" is not.")
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return refuse("invalid_redirect_uri", "A redirect URI may not have a fragment (#...); "+quote(raw)+" has one.")
	}
	if appType == "native" {
		switch {
		case u.Scheme == "http" && isLoopback(u.Hostname()):
			return nil
		case u.Scheme == "https" && onHost(u.Hostname(), home.Hostname()):
			return nil
		case u.Scheme == reverseHost(home.Hostname()) || strings.HasPrefix(u.Scheme, reverseHost(home.Hostname())+"."):
			return nil
		}
		return refuse("invalid_redirect_uri", "A native client's redirect URI must be http on 127.0.0.1, [::1] or localhost, https on the client_uri host, or the scheme "+reverseHost(home.Hostname())+":; "+quote(raw)+" is none of these.")
	}
	if u.Host == "" {
		return refuse("invalid_redirect_uri", "A web client's redirect URI must be an https URL; "+quote(raw)+" is not.")
	}
	if !onHost(u.Hostname(), home.Hostname()) {
		return refuse("invalid_redirect_uri", "A redirect URI must be on the same host as client_uri ("+home.Hostname()+"); "+quote(raw)+" is not.")
	}
	if u.Scheme == "https" && !(strict && isLoopback(u.Hostname())) {
		return nil
	}
	if !strict && u.Scheme == "http" && isLoopback(u.Hostname()) {
		return nil
	}
	return refuse("invalid_redirect_uri", "A web client's redirect URI must use https (plain http is accepted on a loopback address only); "+quote(raw)+" does not.")
}

// isLoopback is MAS's "localhost" test widened to every loopback IP:
// localhost, *.localhost, 127.0.0.0/8 and ::1.
func isLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// onHost reports whether host is base or a subdomain of it.
func onHost(host, base string) bool {
	host, base = strings.ToLower(host), strings.ToLower(base)
	return host == base || strings.HasSuffix(host, "."+base)
}

// reverseHost turns app.example.org into org.example.app (RFC 8252 §7.1).
func reverseHost(host string) string {
	parts := strings.Split(strings.ToLower(host), ".")
	slices.Reverse(parts)
	return strings.Join(parts, ".")
}

func quote(s string) string { return `"` + s + `"` }
