//go:build !js

package matrix

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
	"hellomatrix/internal/synapse"
)

// The OAuth 2.0 sign-in of oauth_*.go against a real Synapse 1.163 that
// delegates to the project's stand-in for the Matrix Authentication
// Service (internal/oauthserver; the real one is not available here). The
// browser's part — following the server's page and posting its form — is
// done by oauthtest's browserless client, stopping at the redirect URI as
// a browser hands that address back to the page.

// oauthPair starts a pair for one test.
func oauthPair(t *testing.T, ao oauthserver.Options) *oauthtest.Pair {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := oauthtest.StartPair(ctx, ao, synapse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Stop() })
	return p
}

// guideApp is the guide as a page on loopback would describe itself.
var guideApp = OAuthApp{
	Name:        "Hello Matrix",
	ClientURI:   "http://127.0.0.1:8000/",
	LogoURI:     "http://127.0.0.1:8000/web/icon-192.png",
	PolicyURI:   "http://127.0.0.1:8000/about#privacy",
	TOSURI:      "http://127.0.0.1:8000/about#terms",
	RedirectURI: "http://127.0.0.1:8000/guide/register",
}

// throughPage plays the browser from trip.URL to the way back: the
// server's page, filled in (signing up or in) or cancelled, and returns the
// query the server sent back.
func throughPage(t *testing.T, ctx context.Context, p *oauthtest.Pair, trip *OAuthTrip, fields url.Values) url.Values {
	t.Helper()
	meta, err := oauthtest.Discover(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	browser := oauthtest.NewClient(meta, trip.ClientID, trip.RedirectURI)
	step, err := browser.Open(ctx, trip.URL)
	if err != nil {
		t.Fatal(err)
	}
	if step.Page == nil {
		t.Fatalf("the authorization request went straight back: %v", step.Callback)
	}
	step, err = browser.Submit(ctx, step.Page, fields)
	if err != nil {
		t.Fatal(err)
	}
	if step.Callback == nil {
		t.Fatalf("the server's page did not send the browser back; it shows %q (%s)", step.Page.Title, step.Page.Error)
	}
	return step.Callback
}

func TestOAuthSignUpSendRenewLogout(t *testing.T) {
	p := oauthPair(t, oauthserver.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	srv, err := Discover(ctx, p.HS.URL)
	if err != nil {
		t.Fatal(err)
	}
	a := srv.Auth
	if !a.OAuth || !a.OAuthOnly || !a.OAuthInPage || !a.OAuthSignup {
		t.Fatalf("discovery: OAuth %v, only %v, in page %v, sign-up %v; want all true", a.OAuth, a.OAuthOnly, a.OAuthInPage, a.OAuthSignup)
	}
	if a.OAuthIssuer != p.AS.URL {
		t.Fatalf("issuer %q, want %q", a.OAuthIssuer, p.AS.URL)
	}

	clientID, err := RegisterOAuthClient(ctx, srv, guideApp)
	if err != nil {
		t.Fatal(err)
	}
	trip, err := StartOAuth(ctx, srv, clientID, guideApp.RedirectURI, true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(trip.URL)
	q := u.Query()
	for k, want := range map[string]string{
		"prompt": "create", "response_mode": "query", "response_type": "code",
		"code_challenge_method": "S256", "client_id": clientID, "redirect_uri": guideApp.RedirectURI, "state": trip.State,
	} {
		if q.Get(k) != want {
			t.Errorf("authorization URL: %s = %q, want %q", k, q.Get(k), want)
		}
	}
	if scopes := strings.Fields(q.Get("scope")); len(scopes) != 2 || scopes[1] != "urn:matrix:client:device:"+trip.DeviceID || len(trip.DeviceID) < 10 {
		t.Errorf("scopes %v (device %q): want the API scope and one device of at least 10 characters", scopes, trip.DeviceID)
	}
	if strings.Contains(trip.URL, trip.CodeVerifier) {
		t.Error("the PKCE verifier is in the authorization URL")
	}

	back := throughPage(t, ctx, p, trip, oauthtest.Credentials("newcomer", "a long and careful password", true))
	sess, err := FinishOAuth(ctx, *trip, back)
	if err != nil {
		t.Fatal(err)
	}
	wantUser := "@newcomer:" + p.HS.ServerName
	if string(sess.UserID) != wantUser || string(sess.DeviceID) != trip.DeviceID || sess.RefreshToken == "" || sess.OAuth == nil || sess.ExpiresAt.IsZero() {
		t.Fatalf("session %s %s refresh %v oauth %v expires %v; want %s on device %s, renewable", sess.UserID, sess.DeviceID, sess.RefreshToken != "", sess.OAuth != nil, sess.ExpiresAt, wantUser, trip.DeviceID)
	}

	c, err := NewClient(*sess)
	if err != nil {
		t.Fatal(err)
	}
	store := NewMemorySessionStore()
	store.Save(*sess)
	c.UseSessionStore(store)
	room, err := c.CreatePrivateRoom(ctx, "OAuth room")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(ctx, room, "before the renewal"); err != nil {
		t.Fatal(err)
	}

	// Renewal ahead of time: past RenewAt, the next request refreshes first.
	before := c.Session()
	forced := before
	forced.RenewAt = time.Now().Add(-time.Second)
	c.setSession(forced, false)
	if _, err := c.Send(ctx, room, "after renewing ahead of time"); err != nil {
		t.Fatal(err)
	}
	ahead := c.Session()
	if ahead.AccessToken == before.AccessToken || ahead.RefreshToken == before.RefreshToken {
		t.Fatal("no renewal happened ahead of time")
	}
	if saved, _ := store.Load(); saved == nil || saved.AccessToken != ahead.AccessToken {
		t.Error("the renewed session was not saved")
	}
	// The rotated-out refresh token is refused now.
	tc := oauthtest.NewClient(oauthtest.Metadata{TokenEndpoint: sess.OAuth.TokenEndpoint}, clientID, guideApp.RedirectURI)
	if _, err := tc.Refresh(ctx, before.RefreshToken); err == nil {
		t.Error("the old refresh token still works after rotation")
	}

	// Renewal on M_UNKNOWN_TOKEN: an access token the server has stopped
	// taking (as after its lifetime) is renewed once and the request goes
	// through. Synapse in MAS mode says no soft_logout for it.
	p.AS.SetAccessTokenTTL(3 * time.Second)
	forced = c.Session()
	forced.RenewAt = time.Now().Add(-time.Second)
	c.setSession(forced, false)
	if _, err := c.Send(ctx, room, "renewed to a three-second token"); err != nil {
		t.Fatal(err)
	}
	p.AS.SetAccessTokenTTL(0)
	short := c.Session()
	time.Sleep(time.Until(short.ExpiresAt) + 500*time.Millisecond) // let the short token lapse
	forced = short
	forced.RenewAt = time.Time{} // nothing ahead of time: the server must refuse first
	c.setSession(forced, false)
	if _, err := c.Send(ctx, room, "after the server refused an expired token"); err != nil {
		t.Fatalf("after an expired access token: %v", err)
	}
	if c.Session().AccessToken == short.AccessToken {
		t.Fatal("the expired token was not renewed")
	}

	// Logout revokes: Synapse forgets the access token, the authorization
	// server the refresh token.
	last := c.Session()
	if err := c.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	stale, _ := NewClient(last)
	if _, err := stale.API().Whoami(ctx); err == nil {
		t.Error("Synapse still takes the access token after logout")
	}
	if _, err := tc.Refresh(ctx, last.RefreshToken); err == nil {
		t.Error("the refresh token still works after logout")
	}
	// The same answer again (a second tab, a double submit): the code is
	// spent. (Last: the stand-in, as RFC 6749 §4.1.2 advises, also ends
	// what the code gave.)
	if _, err := FinishOAuth(ctx, *trip, back); KindOf(err) != KindOAuthCodeRefused {
		t.Errorf("a reused code: %v, want %s", err, KindOAuthCodeRefused)
	}
}

func TestOAuthErrors(t *testing.T) {
	p := oauthPair(t, oauthserver.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := Discover(ctx, p.HS.URL)
	if err != nil {
		t.Fatal(err)
	}
	clientID, err := RegisterOAuthClient(ctx, srv, guideApp)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("cancelled on the server's page", func(t *testing.T) {
		trip, err := StartOAuth(ctx, srv, clientID, guideApp.RedirectURI, true)
		if err != nil {
			t.Fatal(err)
		}
		back := throughPage(t, ctx, p, trip, url.Values{"action": {"cancel"}})
		_, err = FinishOAuth(ctx, *trip, back)
		if KindOf(err) != KindOAuthCancelled || ReasonOf(err) != ReasonCancelledSignup {
			t.Errorf("cancel: %v (%s)", err, KindOf(err))
		}
	})
	t.Run("a state this page did not send", func(t *testing.T) {
		trip, err := StartOAuth(ctx, srv, clientID, guideApp.RedirectURI, true)
		if err != nil {
			t.Fatal(err)
		}
		back := throughPage(t, ctx, p, trip, oauthtest.Credentials("stateuser", "a long and careful password", true))
		back.Set("state", "forged")
		if _, err := FinishOAuth(ctx, *trip, back); KindOf(err) != KindOAuthStateMismatch {
			t.Errorf("state mismatch: %v", err)
		}
	})
	t.Run("an expired code", func(t *testing.T) {
		trip, err := StartOAuth(ctx, srv, clientID, guideApp.RedirectURI, true)
		if err != nil {
			t.Fatal(err)
		}
		back := throughPage(t, ctx, p, trip, oauthtest.Credentials("lateuser", "a long and careful password", true))
		late := *trip
		late.CodeVerifier = "a-verifier-that-is-not-the-one-sent-with-the-request-000000"
		if _, err := FinishOAuth(ctx, late, back); KindOf(err) != KindOAuthCodeRefused {
			t.Errorf("a code with the wrong verifier: %v (%s)", err, KindOf(err))
		}
	})
	t.Run("the registration refused on plain http", func(t *testing.T) {
		p.AS.SetStrictClientPolicy(true)
		defer p.AS.SetStrictClientPolicy(false)
		_, err := RegisterOAuthClient(ctx, srv, guideApp)
		if KindOf(err) != KindOAuthInsecurePage {
			t.Errorf("strict policy on a loopback page: %v (%s)", err, KindOf(err))
		}
	})
	t.Run("a registration refused for another reason", func(t *testing.T) {
		bad := guideApp
		bad.ClientURI = "https://guide.example/"
		bad.RedirectURI = "https://elsewhere.example/back"
		_, err := RegisterOAuthClient(ctx, srv, bad)
		if KindOf(err) != KindOAuthClientRefused || (ReasonOf(err) != ReasonClientRefusedSaid && ReasonOf(err) != ReasonClientRefusedCode) {
			t.Errorf("redirect on another host: %v (%s)", err, KindOf(err))
		}
	})
	t.Run("the sign-in service unreachable", func(t *testing.T) {
		if err := p.AS.Down(); err != nil {
			t.Fatal(err)
		}
		defer p.AS.Up()
		_, err := RegisterOAuthClient(ctx, srv, guideApp)
		if KindOf(err) != KindOAuthUnreachable {
			t.Errorf("down: %v (%s)", err, KindOf(err))
		}
	})
}
