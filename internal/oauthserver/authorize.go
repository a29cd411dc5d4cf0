package oauthserver

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// authorize is the authorization endpoint (RFC 6749 §4.1.1). A request with
// an unknown client or an unregistered redirect URI gets an error page and
// never a redirect (§4.1.2.1: the redirect could go anywhere); every other
// problem is redirected back as error=...&state=.... A good request becomes
// a pending grant and the browser is sent on to the sign-in page (or the
// sign-up page for prompt=create), as MAS does.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	c := s.client(q.Get("client_id"))
	if c == nil {
		s.errorPage(w, http.StatusBadRequest, "This app is not registered here (unknown client_id). Go back to the app and start signing in again.")
		return
	}
	redirectURI := q.Get("redirect_uri")
	if !c.redirectAllowed(redirectURI) {
		s.errorPage(w, http.StatusBadRequest, "The address this app asked to return to is not one it registered (redirect_uri). Go back to the app and start signing in again.")
		return
	}
	g := &grant{id: randomString(16), client: c, redirectURI: redirectURI, responseMode: "query", state: q.Get("state"), created: time.Now()}
	// response_mode first, so the other errors travel the way asked.
	switch mode := q.Get("response_mode"); mode {
	case "", "query":
	case "fragment":
		g.responseMode = "fragment"
	default:
		s.redirectError(w, r, g, "invalid_request", "response_mode must be query or fragment.")
		return
	}
	// RFC 6749 §4.1.1: response_type code; §4.1.2.1 names the errors.
	switch rt := q.Get("response_type"); {
	case rt == "":
		s.redirectError(w, r, g, "invalid_request", "response_type is missing; it must be code.")
		return
	case rt != "code":
		s.redirectError(w, r, g, "unsupported_response_type", "Only response_type=code is supported.")
		return
	}
	if !slices.Contains(c.meta.GrantTypes, "authorization_code") {
		s.redirectError(w, r, g, "unauthorized_client", "This client did not register the authorization_code grant.")
		return
	}
	// RFC 7636 §4.4.1: a missing or unsupported transform is invalid_request;
	// the Matrix spec and MAS require S256 from public clients, and a
	// missing method means plain (§4.3).
	if m := q.Get("code_challenge_method"); m != "S256" {
		s.redirectError(w, r, g, "invalid_request", "PKCE is required with code_challenge_method=S256; "+describeMethod(m)+" is not accepted.")
		return
	}
	g.challenge = q.Get("code_challenge")
	if len(g.challenge) < 43 || len(g.challenge) > 128 {
		s.redirectError(w, r, g, "invalid_request", "code_challenge must be the base64url SHA-256 of the code verifier (43 characters).")
		return
	}
	g.scope = strings.Join(strings.Fields(q.Get("scope")), " ")
	dev, err := checkScope(g.scope)
	if err != nil {
		s.redirectError(w, r, g, "invalid_scope", err.Error())
		return
	}
	g.deviceID = dev
	signup := false
	for _, p := range strings.Fields(q.Get("prompt")) {
		switch p {
		case "none":
			// OpenID Connect Core §3.1.2.6: no page may be shown, and nobody
			// is signed in yet (the stand-in keeps no browser session).
			s.redirectError(w, r, g, "login_required", "Signing in needs the sign-in page, which prompt=none forbids.")
			return
		case "create":
			// Initiating User Registration via OpenID Connect 1.0: ignored
			// when sign-up is closed, as prompt_values_supported says.
			signup = !s.opts.RegistrationDisabled
		}
	}
	if hint, ok := strings.CutPrefix(q.Get("login_hint"), "mxid:@"); ok {
		g.loginHint, _, _ = strings.Cut(hint, ":")
	}
	s.mu.Lock()
	s.grants[g.id] = g
	s.mu.Unlock()
	page := pathLogin
	if signup {
		page = pathRegister
	}
	http.Redirect(w, r, page+"?"+url.Values{"grant": {g.id}}.Encode(), http.StatusSeeOther)
}

func describeMethod(m string) string {
	if m == "" {
		return "no method (which means plain)"
	}
	return m
}

// redirectAllowed is RFC 6749 §3.1.2.3's exact match against the registered
// redirect URIs, except that a native client's loopback redirect matches on
// any port (RFC 8252 §7.3: the app picks a free port each time).
func (c *client) redirectAllowed(raw string) bool {
	if raw == "" {
		return false
	}
	if slices.Contains(c.meta.RedirectURIs, raw) {
		return true
	}
	if c.meta.ApplicationType != "native" {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || !isLoopback(u.Hostname()) {
		return false
	}
	for _, reg := range c.meta.RedirectURIs {
		ru, err := url.Parse(reg)
		if err == nil && ru.Scheme == "http" && ru.Hostname() == u.Hostname() &&
			ru.Path == u.Path && ru.RawQuery == u.RawQuery {
			return true
		}
	}
	return false
}

// redirectError sends the browser back to the client with an RFC 6749
// §4.1.2.1 error, the state echoed.
func (s *Server) redirectError(w http.ResponseWriter, r *http.Request, g *grant, code, description string) {
	v := url.Values{"error": {code}, "error_description": {description}}
	if g.state != "" {
		v.Set("state", g.state)
	}
	http.Redirect(w, r, g.returnURL(v), http.StatusSeeOther)
}

// returnURL is the redirect URI with v added in the response mode's place:
// the query (kept with any query the URI already has) or the fragment.
func (g *grant) returnURL(v url.Values) string {
	if g.responseMode == "fragment" {
		return g.redirectURI + "#" + v.Encode()
	}
	u, _ := url.Parse(g.redirectURI)
	q := u.Query()
	for k, vs := range v {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// pendingGrant returns a grant still usable for its page, or nil.
func (s *Server) pendingGrant(id string) *grant {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.grants[id]
	if g == nil || time.Since(g.created) > grantLifetime {
		delete(s.grants, id)
		return nil
	}
	return g
}
