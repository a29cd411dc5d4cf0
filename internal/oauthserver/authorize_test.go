//go:build !js

package oauthserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
)

// Authorization requests the stand-in refuses: those it cannot trust the
// redirect of stay on its own page; the rest go back with the error and
// the state.
func TestAuthorizationRefusals(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	c, err := oauthtest.NewNativeClient(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("unknown client stays on the page", func(t *testing.T) {
		stranger := oauthtest.NewClient(c.Meta, "no-such-client", c.RedirectURI)
		st, err := stranger.Begin(ctx, &oauthtest.Request{})
		if err != nil || st.Page == nil || st.Page.Status != http.StatusBadRequest ||
			!strings.HasPrefix(st.Page.Error, "This app is not registered here") {
			t.Fatalf("%v %+v", err, st)
		}
	})
	t.Run("unregistered redirect stays on the page", func(t *testing.T) {
		st, err := c.Begin(ctx, &oauthtest.Request{RedirectURI: "http://127.0.0.1/elsewhere"})
		if err != nil || st.Page == nil || st.Page.Status != http.StatusBadRequest ||
			!strings.HasPrefix(st.Page.Error, "The address this app asked to return to is not one it registered") {
			t.Fatalf("%v %+v", err, st)
		}
	})
	for _, tc := range []struct {
		name string
		r    oauthtest.Request
		code string
	}{
		{"PKCE plain", oauthtest.Request{Method: "plain"}, "invalid_request"},
		{"PKCE without a method (plain)", oauthtest.Request{Method: "-"}, "invalid_request"},
		{"no code_challenge", oauthtest.Request{Challenge: "short"}, "invalid_request"},
		{"two device scopes", oauthtest.Request{Scope: "urn:matrix:client:api:* urn:matrix:client:device:AAAAAAAAAA urn:matrix:client:device:BBBBBBBBBB"}, "invalid_scope"},
		{"a stable and an unstable device scope", oauthtest.Request{Scope: "urn:matrix:client:api:* urn:matrix:client:device:AAAAAAAAAA urn:matrix:org.matrix.msc2967.client:device:AAAAAAAAAA"}, "invalid_scope"},
		{"no device scope", oauthtest.Request{Scope: "urn:matrix:client:api:*"}, "invalid_scope"},
		{"a 9-character device ID", oauthtest.Request{DeviceID: "ABCDEFGHI"}, "invalid_scope"},
		{"a device ID with a slash", oauthtest.Request{DeviceID: "ABCDE/GHIJK"}, "invalid_scope"},
		{"no client API scope", oauthtest.Request{Scope: "urn:matrix:client:device:ABCDEFGHIJ"}, "invalid_scope"},
		{"the admin scope", oauthtest.Request{Scope: "urn:matrix:client:api:* urn:synapse:admin:* urn:matrix:client:device:ABCDEFGHIJ"}, "invalid_scope"},
		{"an unknown response_mode", oauthtest.Request{ResponseMode: "form_post"}, "invalid_request"},
		{"an error in the fragment", oauthtest.Request{ResponseMode: "fragment", Method: "plain"}, "invalid_request"},
		{"prompt=none", oauthtest.Request{Prompt: "none"}, "login_required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			st, err := c.Begin(ctx, &r)
			if err != nil {
				t.Fatal(err)
			}
			wantCallbackError(t, st, &r, tc.code)
		})
	}
	t.Run("response_type token", func(t *testing.T) {
		q := url.Values{"client_id": {c.ClientID}, "redirect_uri": {c.RedirectURI}, "response_type": {"token"}, "state": {"s1"}}
		resp, err := noFollow.Get(c.Meta.AuthorizationEndpoint + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := resp.Location()
		if loc == nil || loc.Query().Get("error") != "unsupported_response_type" || loc.Query().Get("state") != "s1" {
			t.Fatalf("%d %v", resp.StatusCode, loc)
		}
	})
	// Cancel on either page goes back as access_denied with the state.
	for _, prompt := range []string{"", "create"} {
		t.Run("cancel on the page, prompt="+prompt, func(t *testing.T) {
			r := &oauthtest.Request{Prompt: prompt}
			st, err := c.Begin(ctx, r)
			if err != nil || st.Page == nil {
				t.Fatalf("%v %+v", err, st)
			}
			st, err = c.Submit(ctx, st.Page, url.Values{"action": {"cancel"}})
			if err != nil {
				t.Fatal(err)
			}
			wantCallbackError(t, st, r, "access_denied")
		})
	}
}

var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// A good request with each response mode brings the code and the state
// back where asked; a native client's loopback redirect matches on any
// port (RFC 8252 §7.3).
func TestCodeComesBackWithState(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	name, password, _, c := signUp(t, p)
	for _, tc := range []struct{ mode, redirect string }{
		{"query", ""}, {"fragment", ""}, {"query", "http://127.0.0.1:4567/oauthtest/callback"},
	} {
		r := &oauthtest.Request{ResponseMode: tc.mode, RedirectURI: tc.redirect}
		st, err := c.Begin(ctx, r)
		if err != nil || st.Page == nil || st.Page.Title != "Sign in" || !strings.Contains(st.Page.HTML, `id="signup-link"`) {
			t.Fatalf("%s: %v %+v", tc.mode, err, st)
		}
		if st, err = c.Submit(ctx, st.Page, oauthtest.Credentials(name, password, false)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Code(r.State); err != nil {
			t.Fatalf("%s %s: %v", tc.mode, tc.redirect, err)
		}
	}
}

// login_hint=mxid:@name:server, which mautrix sends from UserIDHint, fills
// in the sign-in page's username (escaped).
func TestLoginHintFillsTheName(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	c, err := oauthtest.NewNativeClient(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Begin(ctx, &oauthtest.Request{LoginHint: p.UserID("alice\"><b>")})
	if err != nil || st.Page == nil {
		t.Fatalf("%v %+v", err, st)
	}
	if !strings.Contains(st.Page.HTML, `id="username" name="username" autocomplete="username" autocapitalize="none" value="alice&#34;&gt;&lt;b&gt;"`) {
		t.Fatalf("the hint is not the username's value:\n%s", st.Page.HTML)
	}
}

// With sign-up closed, the metadata offers no prompt=create and a sign-up
// request gets the sign-in page without the link.
func TestRegistrationDisabled(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	s := sideServer(t, p, oauthserver.Options{RegistrationDisabled: true})
	resp, err := http.Get(s.URL + ".well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	decode(t, resp, &m)
	if _, ok := m["prompt_values_supported"]; ok {
		t.Fatalf("prompt_values_supported offered: %v", m["prompt_values_supported"])
	}
	c, err := oauthtest.NewNativeClient(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Begin(ctx, &oauthtest.Request{Prompt: "create"})
	if err != nil || st.Page == nil || st.Page.Title != "Sign in" || strings.Contains(st.Page.HTML, "signup-link") {
		t.Fatalf("%v %+v", err, st)
	}
}
