//go:build !js

package oauthserver_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
)

func decode(t *testing.T, resp *http.Response, out any) {
	t.Helper()
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// codeFor signs name in with c up to the code, without exchanging it.
func codeFor(t *testing.T, c *oauthtest.Client, name, password string) (string, *oauthtest.Request) {
	t.Helper()
	ctx := ctxFor(t)
	r := &oauthtest.Request{}
	st, err := c.Begin(ctx, r)
	if err != nil || st.Page == nil {
		t.Fatalf("%v %+v", err, st)
	}
	if st, err = c.Submit(ctx, st.Page, oauthtest.Credentials(name, password, false)); err != nil {
		t.Fatal(err)
	}
	code, err := st.Code(r.State)
	if err != nil {
		t.Fatal(err)
	}
	return code, r
}

// The code exchange's refusals (RFC 6749 §4.1.3, RFC 7636 §4.6), and a
// reused code ending the session the first exchange made.
func TestCodeExchangeRefusals(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	name, password, _, c := signUp(t, p)

	code, r := codeFor(t, c, name, password)
	_, err := c.Exchange(ctx, code, oauthtest.Random(32))
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant") // wrong verifier
	other, err := oauthtest.NewNativeClient(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.Exchange(ctx, code, r.Verifier)
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant") // another client's code
	stranger := oauthtest.NewClient(c.Meta, "no-such-client", c.RedirectURI)
	_, err = stranger.Exchange(ctx, code, r.Verifier)
	wantOAuthError(t, err, http.StatusUnauthorized, "invalid_client")

	tok, err := c.Exchange(ctx, code, r.Verifier)
	if err != nil {
		t.Fatalf("the right verifier after wrong ones: %v", err)
	}
	wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID)
	_, err = c.Exchange(ctx, code, r.Verifier)
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant") // reused
	wantRefused(t, p, tok.AccessToken, "after the code was reused")
	_, err = c.Refresh(ctx, tok.RefreshToken)
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant")

	_, err = c.Exchange(ctx, "no-such-code", r.Verifier)
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant")

	form := func(v url.Values) error {
		resp, err := http.PostForm(c.Meta.TokenEndpoint, v)
		if err != nil {
			t.Fatal(err)
		}
		var e oauthtest.Error
		decode(t, resp, &e)
		e.Status = resp.StatusCode
		return &e
	}
	code, r = codeFor(t, c, name, password)
	wantOAuthError(t, form(url.Values{"grant_type": {"authorization_code"}, "client_id": {c.ClientID}, "code": {code},
		"code_verifier": {r.Verifier}, "redirect_uri": {"http://127.0.0.1/other"}}), http.StatusBadRequest, "invalid_grant")
	wantOAuthError(t, form(url.Values{"grant_type": {"authorization_code"}, "client_id": {c.ClientID}, "code": {code}}),
		http.StatusBadRequest, "invalid_request") // no verifier
	wantOAuthError(t, form(url.Values{"grant_type": {"password"}, "client_id": {c.ClientID}}),
		http.StatusBadRequest, "unsupported_grant_type")
	wantOAuthError(t, form(url.Values{"client_id": {c.ClientID}}), http.StatusBadRequest, "invalid_request")
}

// A code past CodeTTL is refused. The side server shares the pair's
// Synapse and secret, so it can sign a user up.
func TestExpiredCode(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	s := sideServer(t, p, oauthserver.Options{CodeTTL: time.Nanosecond})
	c, err := oauthtest.NewNativeClient(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SignIn(ctx, oauthtest.UniqueName("late"), "password123", true)
	wantOAuthError(t, err, http.StatusBadRequest, "invalid_grant")
	if !strings.Contains(err.Error(), "expired") {
		t.Fatalf("%v", err)
	}
}

// A client that registered only authorization_code (RFC 7591's default)
// may not refresh.
func TestRefreshNeedsTheGrant(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	name, password, _, _ := signUp(t, p)
	id, err := oauthtest.Register(ctx, p.AS.URL+"oauth2/registration", map[string]any{
		"client_uri": "https://app.example.org/", "application_type": "native",
		"redirect_uris": []string{oauthtest.NativeRedirect}, "token_endpoint_auth_method": "none",
	})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := oauthtest.Discover(ctx, p.AS.URL)
	c := oauthtest.NewClient(m, id, oauthtest.NativeRedirect)
	tok, err := c.SignIn(ctx, name, password, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Refresh(ctx, tok.RefreshToken)
	wantOAuthError(t, err, http.StatusBadRequest, "unauthorized_client")
}
