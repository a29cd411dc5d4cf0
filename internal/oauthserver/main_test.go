//go:build !js

package oauthserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
)

func TestMain(m *testing.M) { oauthtest.Main(m) }

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// whoami asks Synapse who an access token belongs to: the status, the
// errcode on failure, the user and device on success.
func whoami(t *testing.T, p *oauthtest.Pair, token string) (status int, errcode, userID, deviceID string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.HS.URL+"/_matrix/client/v3/account/whoami", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Errcode  string `json:"errcode"`
		UserID   string `json:"user_id"`
		DeviceID string `json:"device_id"`
	}
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out.Errcode, out.UserID, out.DeviceID
}

// wantWhoami fails unless Synapse accepts token as user on device.
func wantWhoami(t *testing.T, p *oauthtest.Pair, token, userID, deviceID string) {
	t.Helper()
	st, ec, u, d := whoami(t, p, token)
	if st != http.StatusOK || u != userID || d != deviceID {
		t.Fatalf("whoami: %d %s %s %s, want 200 %s %s", st, ec, u, d, userID, deviceID)
	}
}

// wantRefused fails unless Synapse answers 401 M_UNKNOWN_TOKEN.
func wantRefused(t *testing.T, p *oauthtest.Pair, token, why string) {
	t.Helper()
	if st, ec, u, _ := whoami(t, p, token); st != http.StatusUnauthorized || ec != "M_UNKNOWN_TOKEN" {
		t.Fatalf("%s: whoami answered %d %s %s, want 401 M_UNKNOWN_TOKEN", why, st, ec, u)
	}
}

// wantOAuthError fails unless err is an OAuth error answer with code.
func wantOAuthError(t *testing.T, err error, status int, code string) {
	t.Helper()
	var e *oauthtest.Error
	if !errors.As(err, &e) || e.Code != code || e.Status != status {
		t.Fatalf("got %v, want %d %s", err, status, code)
	}
	if e.Description == "" {
		t.Fatalf("%s without error_description", code)
	}
}

// wantCallbackError fails unless the step went back to the client with code
// and the state echoed.
func wantCallbackError(t *testing.T, st *oauthtest.Step, r *oauthtest.Request, code string) {
	t.Helper()
	_, err := st.Code(r.State)
	var e *oauthtest.CallbackError
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("got %v, want the error %s redirected back", err, code)
	}
	if e.State != r.State || e.Description == "" {
		t.Fatalf("error %s came back with state %q (sent %q), description %q", code, e.State, r.State, e.Description)
	}
}

// signUp makes a fresh user through the whole flow.
func signUp(t *testing.T, p *oauthtest.Pair) (name, password string, tok oauthtest.Tokens, c *oauthtest.Client) {
	t.Helper()
	ctx := ctxFor(t)
	c, err := oauthtest.NewNativeClient(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	name, password = oauthtest.UniqueName("oauth"), "correct horse "+oauthtest.Random(6)
	tok, err = c.SignIn(ctx, name, password, true)
	if err != nil {
		t.Fatalf("sign-up as %s: %v", name, err)
	}
	return name, password, tok, c
}

// sideServer is a second stand-in with other options, sharing the shared
// pair's Synapse and secret, for a knob that needs no Synapse of its own.
func sideServer(t *testing.T, p *oauthtest.Pair, o oauthserver.Options) *oauthserver.Server {
	t.Helper()
	o.Secret = p.AS.Secret
	s, err := oauthserver.Start(ctxFor(t), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Stop() })
	s.SetHomeserver(p.HS.URL)
	return s
}
