//go:build !js

package oauthserver_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"testing"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
)

// webClient is what the live client registers when served by make run:
// a web app on http loopback.
func webClient(origin string) map[string]any {
	return map[string]any{
		"client_name":                "Hello Matrix",
		"client_uri":                 origin + "/",
		"logo_uri":                   origin + "/web/icon.png",
		"tos_uri":                    origin + "/terms",
		"policy_uri":                 origin + "/privacy",
		"application_type":           "web",
		"redirect_uris":              []string{origin + "/chapters/live"},
		"grant_types":                []string{"authorization_code", "refresh_token"},
		"response_types":             []string{"code"},
		"token_endpoint_auth_method": "none",
	}
}

func with(m map[string]any, k string, v any) map[string]any {
	m = maps.Clone(m)
	if v == nil {
		delete(m, k)
	} else {
		m[k] = v
	}
	return m
}

// MAS's registration policy, relaxed (http on loopback allowed) and strict
// (MAS as shipped), each refusal with its RFC 7591 error code.
func TestClientRegistrationPolicy(t *testing.T) {
	p := oauthtest.Shared(t)
	strict := sideServer(t, p, oauthserver.Options{StrictClientPolicy: true})
	loop := webClient("http://127.0.0.1:8080")
	https := webClient("https://guide.example.org")
	native := map[string]any{
		"client_uri": "https://app.example.org/", "application_type": "native",
		"redirect_uris": []string{"http://127.0.0.1/cb"}, "token_endpoint_auth_method": "none",
	}
	for _, tc := range []struct {
		name   string
		strict bool
		meta   any
		code   string // "" means accepted
	}{
		{"web on http loopback", false, loop, ""},
		{"web on https", false, https, ""},
		{"native loopback", false, native, ""},
		{"native with its reversed-host scheme", false, with(native, "redirect_uris", []string{"org.example.app:/callback"}), ""},
		{"missing client_uri", false, with(loop, "client_uri", nil), "invalid_client_metadata"},
		{"redirect on another host", false, with(https, "redirect_uris", []string{"https://elsewhere.example.net/cb"}), "invalid_redirect_uri"},
		{"redirect on a subdomain", false, with(https, "redirect_uris", []string{"https://app.guide.example.org/cb"}), ""},
		{"http client_uri off loopback", false, with(webClient("http://guide.example.org"), "logo_uri", nil), "invalid_client_metadata"},
		{"http redirect off loopback", false, with(https, "redirect_uris", []string{"http://guide.example.org/cb"}), "invalid_redirect_uri"},
		{"fragment in a redirect", false, with(loop, "redirect_uris", []string{"http://127.0.0.1:8080/chapters/live#here"}), "invalid_redirect_uri"},
		{"no redirect_uris", false, with(loop, "redirect_uris", nil), "invalid_redirect_uri"},
		{"logo on another host", false, with(https, "logo_uri", "https://cdn.example.net/logo.png"), "invalid_client_metadata"},
		{"a client secret method", false, with(loop, "token_endpoint_auth_method", "client_secret_basic"), "invalid_client_metadata"},
		{"no auth method (RFC 7591 default)", false, with(loop, "token_endpoint_auth_method", nil), "invalid_client_metadata"},
		{"an unknown application_type", false, with(loop, "application_type", "desktop"), "invalid_client_metadata"},
		{"the implicit grant", false, with(loop, "grant_types", []string{"implicit"}), "invalid_client_metadata"},
		{"native http off loopback", false, with(native, "redirect_uris", []string{"http://app.example.org/cb"}), "invalid_redirect_uri"},
		{"not JSON", false, "client_uri=x", "invalid_client_metadata"},
		{"strict: web on http loopback", true, loop, "invalid_client_metadata"},
		{"strict: web on https localhost", true, with(webClient("https://localhost:8443"), "logo_uri", nil), "invalid_client_metadata"},
		{"strict: web on https", true, https, ""},
		{"strict: native loopback", true, native, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			endpoint := p.AS.URL + "oauth2/registration"
			if tc.strict {
				endpoint = strict.URL + "oauth2/registration"
			}
			if s, ok := tc.meta.(string); ok { // a raw body
				resp, err := http.Post(endpoint, "application/json", bytes.NewBufferString(s))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var e map[string]string
				json.NewDecoder(resp.Body).Decode(&e)
				if resp.StatusCode != 400 || e["error"] != tc.code {
					t.Fatalf("got %d %v", resp.StatusCode, e)
				}
				return
			}
			id, err := oauthtest.Register(ctxFor(t), endpoint, tc.meta)
			if tc.code == "" {
				if err != nil || id == "" {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantOAuthError(t, err, http.StatusBadRequest, tc.code)
		})
	}
}
