//go:build !js

package matrix

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hellomatrix/internal/oidcprovider"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
)

// A real Synapse with a real OpenID Connect provider on loopback: the
// server offers the provider by name, a browser-like client walks the
// redirect, the provider's sign-in page and Synapse's own "Continue" page,
// and the login token it brings back opens a session, once only. A second
// sign-in through the provider lands on the same account.
func TestSSOLoginOnSynapse(t *testing.T) {
	idp, err := oidcprovider.Start("", "Loopback ID")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idp.Stop() })
	s := synapsetest.Start(t, synapse.Options{
		RegistrationDisabled: true, // as on servers that sign people up only through SSO
		OIDCProviders:        []synapse.OIDCProvider{idp.ForSynapse("loop")},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	srv, err := Discover(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !srv.Auth.SSO || len(srv.Auth.IdentityProviders) != 1 || srv.Auth.IdentityProviders[0].Name != "Loopback ID" {
		t.Fatalf("SSO %v, providers %+v", srv.Auth.SSO, srv.Auth.IdentityProviders)
	}
	back := "http://127.0.0.1:1/chapters/register?from=sso#top"
	u, err := SSORedirectURL(srv, srv.Auth.IdentityProviders[0].ID, back)
	if err != nil {
		t.Fatal(err)
	}
	if want := s.URL + "/_matrix/client/v3/login/sso/redirect/oidc-loop?redirectUrl=" + url.QueryEscape("http://127.0.0.1:1/chapters/register?from=sso"); u != want {
		t.Fatalf("redirect URL %s, want %s", u, want)
	}

	name := synapsetest.UniqueName("sso")
	token, pages := walkSSO(t, u, name, "http://127.0.0.1:1/chapters/register")
	t.Logf("pages on the way: %d", pages)
	sess, err := LoginWithToken(ctx, TokenLoginRequest{HomeserverURL: s.URL, Token: token, InitialDeviceName: "sso test"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "@" + name + ":" + s.ServerName; string(sess.UserID) != want {
		t.Fatalf("signed in as %s, want %s", sess.UserID, want)
	}
	if sess.RefreshToken == "" || sess.ExpiresAt.IsZero() {
		t.Errorf("an SSO session on Synapse has no refresh token or no expiry (expires %v): it could not renew itself", sess.ExpiresAt)
	}
	client, err := NewClient(*sess)
	if err != nil {
		t.Fatal(err)
	}
	if who, err := client.WhoAmI(ctx); err != nil || who.UserID != sess.UserID {
		t.Fatalf("whoami %v, %v", who, err)
	}

	_, err = LoginWithToken(ctx, TokenLoginRequest{HomeserverURL: s.URL, Token: token})
	if KindOf(err) != KindForbidden || ReasonOf(err) != ReasonSSOTokenRefused {
		t.Fatalf("reusing the token: %v", err)
	}
	_, err = LoginWithToken(ctx, TokenLoginRequest{HomeserverURL: s.URL, Token: " "})
	if KindOf(err) != KindForbidden {
		t.Fatalf("no token: %v", err)
	}

	again, _ := walkSSO(t, u, name, "http://127.0.0.1:1/chapters/register")
	sess2, err := LoginWithToken(ctx, TokenLoginRequest{HomeserverURL: s.URL, Token: again})
	if err != nil || sess2.UserID != sess.UserID || sess2.DeviceID == sess.DeviceID {
		t.Fatalf("second sign-in: %+v, %v (first %s %s)", sess2, err, sess.UserID, sess.DeviceID)
	}
	if idp.SignIns() != 2 {
		t.Fatalf("the provider saw %d sign-ins, want 2", idp.SignIns())
	}
}

func TestSSORedirectURLRefuses(t *testing.T) {
	if _, err := SSORedirectURL(nil, "x", "https://example.org/"); KindOf(err) != KindBadServerName {
		t.Fatalf("no server: %v", err)
	}
	srv := &Server{BaseURL: "https://hs.example.org"}
	if _, err := SSORedirectURL(srv, "x", "https://example.org/"); KindOf(err) != KindUnsupported {
		t.Fatalf("no SSO: %v", err)
	}
	srv.Auth.SSO = true
	for _, bad := range []string{"", "/relative", "javascript:alert(1)", "ftp://example.org/"} {
		if _, err := SSORedirectURL(srv, "x", bad); KindOf(err) != KindBadRequest {
			t.Fatalf("redirect %q: %v", bad, err)
		}
	}
	u, err := SSORedirectURL(srv, "", "https://example.org/a b")
	if err != nil || u != "https://hs.example.org/_matrix/client/v3/login/sso/redirect?redirectUrl=https%3A%2F%2Fexample.org%2Fa%2520b" {
		t.Fatalf("%s, %v", u, err)
	}
}

// walkSSO does in Go what a browser does after the guide sends it to
// start: follow the redirects, type name on the provider's sign-in page,
// click Continue on Synapse's confirmation page. It returns the login token
// from the final address (which must start with wantBack) and how many
// pages a person had to act on.
func walkSSO(t *testing.T, start, name, wantBack string) (string, int) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: loopbackSecureJar{jar}, Timeout: 30 * time.Second}
	pages := 0
	page := get(t, c, start)
	// The provider's sign-in page.
	form := regexp.MustCompile(`<form method="get" action="([^"]+)">`).FindStringSubmatch(page.body)
	if form == nil {
		t.Fatalf("no sign-in form at %s:\n%s", page.url, page.body)
	}
	q := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(page.body, -1) {
		q.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	q.Set("hm_username", name)
	pages++
	action, _ := page.url.Parse(html.UnescapeString(form[1]))
	action.RawQuery = q.Encode()
	page = get(t, c, action.String())
	// Synapse's "Continue to your account" page.
	cont := regexp.MustCompile(`<a href="([^"]+)" class="primary-button">Continue</a>`).FindStringSubmatch(page.body)
	if cont == nil {
		t.Fatalf("no Continue link at %s:\n%s", page.url, page.body)
	}
	pages++
	back, err := url.Parse(html.UnescapeString(cont[1]))
	if err != nil || !strings.HasPrefix(back.String(), wantBack) {
		t.Fatalf("Continue goes to %q (%v), want %s...", cont[1], err, wantBack)
	}
	tok := back.Query().Get(LoginTokenParam)
	if tok == "" {
		t.Fatalf("no login token in %s", back)
	}
	return tok, pages
}

type fetched struct {
	url  *url.URL
	body string
}

func get(t *testing.T, c *http.Client, u string) fetched {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %s\n%s", res.Request.URL, res.Status, b)
	}
	return fetched{res.Request.URL, string(b)}
}

// loopbackSecureJar treats http on loopback as a secure origin, as browsers
// do, so Synapse's Secure session cookies come back to it.
type loopbackSecureJar struct{ http.CookieJar }

func secureView(u *url.URL) *url.URL {
	if u.Scheme == "http" && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost") {
		v := *u
		v.Scheme = "https"
		return &v
	}
	return u
}

func (j loopbackSecureJar) SetCookies(u *url.URL, cs []*http.Cookie) {
	j.CookieJar.SetCookies(secureView(u), cs)
}
func (j loopbackSecureJar) Cookies(u *url.URL) []*http.Cookie {
	return j.CookieJar.Cookies(secureView(u))
}

// A password typed for a server that signs people in only through single
// sign-on is not sent; the reader is pointed at the button instead.
func TestPasswordLoginOnSSOOnlyServer(t *testing.T) {
	srv := &Server{Name: "sso.example", BaseURL: "https://sso.example", Auth: AuthInfo{SSO: true, LoginFlows: []string{"m.login.sso", "m.login.token"}}}
	_, err := Login(context.Background(), srv, LoginRequest{User: "alice", Password: "pw"})
	if KindOf(err) != KindOAuthOnly || ReasonOf(err) != ReasonSSOOnly {
		t.Fatalf("got %v", err)
	}
}
