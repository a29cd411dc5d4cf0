//go:build !js

package oauthserver_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
	"hellomatrix/internal/synapse"
)

// Synapse reads the stand-in's metadata through its endpoint setting and
// serves it to clients as /_matrix/client/v1/auth_metadata.
func TestSynapseServesTheMetadata(t *testing.T) {
	p := oauthtest.Shared(t)
	resp, err := http.Get(p.HS.URL + "/_matrix/client/v1/auth_metadata")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&m) != nil {
		t.Fatalf("auth_metadata: %s", resp.Status)
	}
	if m["issuer"] != p.AS.URL || !strings.HasSuffix(p.AS.URL, "/") {
		t.Fatalf("issuer %v, stand-in %s", m["issuer"], p.AS.URL)
	}
	for k, want := range map[string]string{
		"authorization_endpoint": "authorize", "token_endpoint": "oauth2/token",
		"revocation_endpoint": "oauth2/revoke", "registration_endpoint": "oauth2/registration",
		"introspection_endpoint": "oauth2/introspect", "account_management_uri": "account/",
	} {
		if m[k] != p.AS.URL+want {
			t.Errorf("%s = %v, want %s", k, m[k], p.AS.URL+want)
		}
	}
	for k, want := range map[string][]string{
		"response_types_supported":              {"code"},
		"response_modes_supported":              {"query", "fragment"},
		"grant_types_supported":                 {"authorization_code", "refresh_token"},
		"code_challenge_methods_supported":      {"S256"},
		"token_endpoint_auth_methods_supported": {"none"},
		"prompt_values_supported":               {"create"},
	} {
		var got []string
		for _, v := range m[k].([]any) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
}

// CORS as MAS answers it: any origin, a preflight with its header list, on
// metadata, registration, token and revocation.
func TestCORS(t *testing.T) {
	p := oauthtest.Shared(t)
	for _, path := range []string{".well-known/openid-configuration", "oauth2/registration", "oauth2/token", "oauth2/revoke"} {
		req, _ := http.NewRequest(http.MethodOptions, p.AS.URL+path, nil)
		req.Header.Set("Origin", "http://127.0.0.1:9")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Content-Type") ||
			!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "OPTIONS") {
			t.Errorf("preflight %s: %d %v", path, resp.StatusCode, h)
		}
	}
	resp, err := http.Get(p.AS.URL + ".well-known/oauth-authorization-server")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("RFC 8414 metadata: %d %v", resp.StatusCode, resp.Header)
	}
}

// A newcomer signs up on the stand-in's page; Synapse then knows the user
// and the device. Signing in again is a second device; a taken name and a
// wrong password stop on the page with a sentence.
func TestSignUpThenSignInAgain(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	name, password, tok, _ := signUp(t, p)
	if tok.ExpiresIn != 5*time.Minute || tok.RefreshToken == "" || len(tok.DeviceID) < 10 ||
		!strings.Contains(tok.Scope, "urn:matrix:client:api:*") {
		t.Fatalf("tokens %+v", tok)
	}
	wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID)

	again, err := oauthtest.SignIn(ctx, p.AS.URL, name, password, false)
	if err != nil {
		t.Fatal(err)
	}
	if again.DeviceID == tok.DeviceID {
		t.Fatalf("second sign-in reused device %s", tok.DeviceID)
	}
	wantWhoami(t, p, again.AccessToken, p.UserID(name), again.DeviceID)
	wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID)

	var pe *oauthtest.PageError
	_, err = oauthtest.SignIn(ctx, p.AS.URL, name, "wrong password", false)
	if !errors.As(err, &pe) || pe.Page.Status != http.StatusUnauthorized ||
		pe.Page.Error != "That username and password do not match an account here. Check both and try again." {
		t.Fatalf("wrong password: %v", err)
	}
	_, err = oauthtest.SignIn(ctx, p.AS.URL, name, password, true)
	if !errors.As(err, &pe) || pe.Page.Status != http.StatusConflict ||
		pe.Page.Error != "The username "+name+" is taken. Choose another one." {
		t.Fatalf("taken name: %v", err)
	}
}

// The sign-up form's own refusals, and a name Synapse refuses, each a
// sentence on the page with the typed name kept (escaped, never markup).
func TestSignUpFormRefusals(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	c, err := oauthtest.NewNativeClient(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, user, pw, pw2 string
		status              int
		sentence            string
	}{
		{"empty name", "", "password123", "password123", 400, "Choose a username."},
		{"markup in the name", "<b>x</b>", "password123", "password123", 400, "A username may only use lowercase letters, digits and . _ = - / +."},
		{"short password", "newcomer", "short", "short", 400, "Choose a password of at least 8 characters."},
		{"passwords differ", "newcomer", "password123", "password124", 400, "The two passwords differ. Type the same password in both fields."},
		{"Synapse refuses a leading underscore", "_" + oauthtest.UniqueName("u"), "password123", "password123", 400,
			"The homeserver does not accept that username. Use lowercase letters, digits and . _ = - / + and do not start with an underscore."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &oauthtest.Request{Prompt: "create"}
			st, err := c.Begin(ctx, r)
			if err != nil || st.Page == nil || st.Page.Title != "Create an account" {
				t.Fatalf("begin: %v %+v", err, st)
			}
			for _, id := range []string{`id="username"`, `id="password"`, `id="password2"`, `id="submit"`, `id="cancel"`, `id="signin-link"`} {
				if !strings.Contains(st.Page.HTML, id) {
					t.Fatalf("sign-up page lacks %s", id)
				}
			}
			st, err = c.Submit(ctx, st.Page, url.Values{"username": {tc.user}, "password": {tc.pw}, "password2": {tc.pw2}})
			if err != nil || st.Page == nil {
				t.Fatalf("submit: %v %+v", err, st)
			}
			if st.Page.Status != tc.status || st.Page.Error != tc.sentence {
				t.Fatalf("got %d %q, want %d %q", st.Page.Status, st.Page.Error, tc.status, tc.sentence)
			}
			if tc.user != "" && !strings.Contains(st.Page.HTML, `value="`+htmlEscape(tc.user)+`"`) {
				t.Fatalf("the typed name %q was not kept", tc.user)
			}
			if strings.Contains(st.Page.HTML, "<b>") {
				t.Fatal("the typed name became markup")
			}
		})
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&#34;", "&", "&amp;").Replace(s)
}

// Refresh rotates: the new pair works, the old refresh token is refused,
// and the new refresh token works once in turn.
func TestRefreshRotates(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	name, _, tok, c := signUp(t, p)
	next, err := c.Refresh(ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if next.AccessToken == tok.AccessToken || next.RefreshToken == tok.RefreshToken || next.DeviceID != tok.DeviceID {
		t.Fatalf("refresh gave %+v after %+v", next, tok)
	}
	wantWhoami(t, p, next.AccessToken, p.UserID(name), tok.DeviceID)
	_, err = c.Refresh(ctx, tok.RefreshToken)
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant")
	if _, err := c.Refresh(ctx, next.RefreshToken); err != nil {
		t.Fatalf("the rotated refresh token: %v", err)
	}
}

// An access token past its lifetime is refused by Synapse even though
// Synapse cached it as active a moment before: Synapse's 2-minute
// introspection cache ends at retrieved_at + expires_in. A refreshed token
// works again.
func TestExpiredAccessTokenRefusedBySynapse(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	const ttl = 6 * time.Second
	p.AS.SetAccessTokenTTL(ttl)
	defer p.AS.SetAccessTokenTTL(0)

	name, _, tok, c := signUp(t, p)
	issued := time.Now() // no earlier than the token's
	if tok.ExpiresIn != ttl {
		t.Fatalf("expires_in %s, want %s", tok.ExpiresIn, ttl)
	}
	wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID) // now in Synapse's cache
	if time.Since(issued) > ttl-time.Second {
		t.Fatalf("the first whoami came %s after the token: too late to test the cache", time.Since(issued))
	}
	time.Sleep(time.Until(issued.Add(ttl + time.Second)))
	wantRefused(t, p, tok.AccessToken, "an expired access token")

	next, err := c.Refresh(ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	wantWhoami(t, p, next.AccessToken, p.UserID(name), tok.DeviceID)
}

// Revoking either token ends the session: Synapse refuses the access token
// at once (the device is gone, which also clears its introspection cache)
// and the refresh token is refused.
func TestRevocationEndsTheSession(t *testing.T) {
	p := oauthtest.Shared(t)
	for _, which := range []string{"access_token", "refresh_token"} {
		t.Run(which, func(t *testing.T) {
			ctx := ctxFor(t)
			name, _, tok, c := signUp(t, p)
			wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID) // cached as active
			revoke := tok.AccessToken
			if which == "refresh_token" {
				revoke = tok.RefreshToken
			}
			if err := c.Revoke(ctx, revoke, which); err != nil {
				t.Fatal(err)
			}
			wantRefused(t, p, tok.AccessToken, "after revocation")
			_, err := c.Refresh(ctx, tok.RefreshToken)
			wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant")
			// Revoking again, or an unknown token, is no error (RFC 7009 §2.2).
			if err := c.Revoke(ctx, revoke, which); err != nil {
				t.Fatalf("second revocation: %v", err)
			}
		})
	}
	t.Run("another client's token", func(t *testing.T) {
		ctx := ctxFor(t)
		_, _, tok, _ := signUp(t, p)
		other, err := oauthtest.NewNativeClient(ctx, p.AS.URL)
		if err != nil {
			t.Fatal(err)
		}
		wantOAuthError(t, other.Revoke(ctx, tok.RefreshToken, ""), http.StatusBadRequest, "invalid_grant")
	})
}

// Introspection answers Synapse's shared secret only, and never calls a
// refresh token active.
func TestIntrospection(t *testing.T) {
	p := oauthtest.Shared(t)
	name, _, tok, _ := signUp(t, p)
	ask := func(secret, token string) (int, map[string]any) {
		st, out, err := oauthtest.Introspect(ctxFor(t), p.AS.URL, secret, token)
		if err != nil {
			t.Fatal(err)
		}
		return st, out
	}
	if st, out := ask("not the secret", tok.AccessToken); st != http.StatusUnauthorized || out["error"] != "invalid_client" {
		t.Fatalf("wrong secret: %d %v", st, out)
	}
	st, out := ask(p.AS.Secret, tok.AccessToken)
	exp, _ := out["expires_in"].(float64)
	if st != 200 || out["active"] != true || out["username"] != name || out["device_id"] != tok.DeviceID ||
		out["scope"] != tok.Scope || exp < 290 || exp > 300 {
		t.Fatalf("access token: %d %v", st, out)
	}
	if st, out := ask(p.AS.Secret, tok.RefreshToken); st != 200 || out["active"] != false {
		t.Fatalf("refresh token: %d %v", st, out)
	}
}

// An authorization server that went away: Synapse cannot introspect a token
// it has not cached and answers 503; back up, the same token works.
func TestAuthorizationServerDown(t *testing.T) {
	p := oauthtest.Shared(t)
	name := oauthtest.UniqueName("down")
	tok, err := p.SignUp(ctxFor(t), name, "password123")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AS.Down(); err != nil {
		t.Fatal(err)
	}
	defer p.AS.Up()
	if _, err := http.Get(p.AS.URL + ".well-known/openid-configuration"); err == nil {
		t.Fatal("the stand-in still answers after Down")
	}
	if st, ec, _, _ := whoami(t, p, tok.AccessToken); st != http.StatusServiceUnavailable {
		t.Fatalf("whoami with the server down: %d %s, want 503", st, ec)
	}
	if err := p.AS.Up(); err != nil {
		t.Fatal(err)
	}
	wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID)
}

// Before Synapse has read the metadata once, an unreachable authorization
// server makes auth_metadata a 500; after one good read Synapse keeps the
// metadata for the life of its process (synapse/api/auth/mas.py caches it
// with RetryOnExceptionCachedCall), so a client still finds the endpoints
// and only its calls to them fail.
func TestSynapseMetadataWhenTheServerIsDown(t *testing.T) {
	p := oauthtest.Start(t, oauthserver.Options{}, synapse.Options{})
	get := func() int {
		resp, err := http.Get(p.HS.URL + "/_matrix/client/v1/auth_metadata")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if err := p.AS.Down(); err != nil {
		t.Fatal(err)
	}
	if st := get(); st != http.StatusInternalServerError {
		t.Fatalf("auth_metadata with the server never reached: %d, want 500", st)
	}
	if err := p.AS.Up(); err != nil {
		t.Fatal(err)
	}
	if st := get(); st != http.StatusOK {
		t.Fatalf("auth_metadata with the server back: %d", st)
	}
	p.AS.Down()
	if st := get(); st != http.StatusOK {
		t.Fatalf("auth_metadata after one good read, server down: %d, want 200 from Synapse's cache", st)
	}
}
