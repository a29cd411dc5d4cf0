package oidcprovider

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRefusesNonLoopback(t *testing.T) {
	if _, err := Start("0.0.0.0:0", "X"); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("got %v", err)
	}
}

// The authorization code flow as a relying party sees it: discovery, the
// sign-in page first, the code after a name is given, and the token
// endpoint taking client_secret_basic, with an ID token carrying the nonce.
func TestCodeFlow(t *testing.T) {
	p, err := Start("", "Loopback ID")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	var meta map[string]any
	getJSON(t, p.Issuer+"/.well-known/openid-configuration", &meta)
	if meta["issuer"] != p.Issuer || !strings.HasPrefix(p.Issuer, "http://127.0.0.1:") {
		t.Fatalf("issuer %q, discovery %v", p.Issuer, meta)
	}
	authz, token := meta["authorization_endpoint"].(string), meta["token_endpoint"].(string)

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	q := url.Values{"client_id": {p.ClientID}, "response_type": {"code"}, "scope": {"openid profile"},
		"redirect_uri": {"http://127.0.0.1:1/callback"}, "state": {"st"}, "nonce": {"n-123"}}
	res, err := noRedirect.Get(authz + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), `id="provider-username"`) || !strings.Contains(string(page), `value="n-123"`) {
		t.Fatalf("sign-in page %s:\n%s", res.Status, page)
	}
	q.Set(usernameParam, "Not Valid!")
	res, _ = noRedirect.Get(authz + "?" + q.Encode())
	page, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), `id="provider-error"`) {
		t.Fatalf("a bad name: %s\n%s", res.Status, page)
	}
	q.Set(usernameParam, "alice")
	res, err = noRedirect.Get(authz + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	back, _ := url.Parse(res.Header.Get("Location"))
	code := back.Query().Get("code")
	if res.StatusCode != http.StatusFound || code == "" || back.Query().Get("state") != "st" || p.SignIns() != 1 {
		t.Fatalf("after signing in: %s to %s (sign-ins %d)", res.Status, back, p.SignIns())
	}

	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {"http://127.0.0.1:1/callback"}}
	req, _ := http.NewRequest(http.MethodPost, token, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(p.ClientID), url.QueryEscape(p.ClientSecret))
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		IDToken string `json:"id_token"`
	}
	json.NewDecoder(res.Body).Decode(&tok)
	res.Body.Close()
	if res.StatusCode != 200 || tok.IDToken == "" {
		t.Fatalf("token endpoint with client_secret_basic: %s", res.Status)
	}
	claims := decodeJWTPayload(t, tok.IDToken)
	if claims["nonce"] != "n-123" || claims["sub"] != Subject("alice") || claims["preferred_username"] != "alice" || claims["iss"] != p.Issuer {
		t.Fatalf("ID token claims %v", claims)
	}
}

func getJSON(t *testing.T, u string, out any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

func decodeJWTPayload(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
