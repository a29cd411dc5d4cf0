package live

import (
	"context"
	"encoding/json"
	"net/url"
	"time"

	"hellomatrix/app/basepath"
	"hellomatrix/matrix"
)

// OAuth 2.0 sign-in (servers on the Matrix Authentication Service, such as
// matrix.org): one button sends the whole page to the server's own sign-in
// or sign-up page, which sends the reader back to this chapter with a
// one-time code. Like single sign-on (sso.go), nothing of the page survives
// the trip but storage, so StartOAuth writes down the trip — including the
// PKCE verifier, the secret half of the code — and Start, on the way back,
// takes the code out of the address bar at once and trades it for a
// session. The guide registers itself with each server's sign-in service
// once and keeps the app ID it gets per server and chapter.

// Storage keys: the pending trip (oauthTrip as JSON) and the app IDs
// (issuer + " " + redirect address → client_id, as JSON).
const (
	oauthTripKey    = "live/oauth"
	oauthClientsKey = "live/oauth-clients"
)

// oauthMaxAge is how long a trip may take; the Authentication Service's
// own sign-in session lasts about that long. An older note is not used.
const oauthMaxAge = time.Hour

// oauthTrip is what must survive the trip to the server's page.
type oauthTrip struct {
	matrix.OAuthTrip
	Server  string    `json:"server"` // the chosen server, as typed
	Started time.Time `json:"started"`
}

// OAuthStatus is how a sign-in that came back is going, for the widgets.
type OAuthStatus struct {
	Finishing bool   // the code is being traded for a session
	Server    string // whose sign-in it was
	Done      string // it worked: a sentence saying so
	Err       error  // it failed (worded by Message)
}

// OAuthNow is the state of the OAuth sign-in that brought the reader back, if any.
func (m *Model) OAuthNow() OAuthStatus { return m.oauth.get() }

func (m *Model) setOAuth(st OAuthStatus) {
	m.oauth.set(st)
	m.changed()
}

// reasonStrayOAuthAnswer (KindOAuthStateMismatch): the page was opened
// with an OAuth answer and no trip of this browser's to match it.
const reasonStrayOAuthAnswer matrix.Reason = "stray_oauth_answer"

// OAuthChoice says what the OAuth button does on the chosen server s, if
// it has one: "" when the server has no OAuth sign-in the guide can do.
func (m *Model) OAuthChoice(s *Server, signup bool) string {
	found := s.core()
	if found == nil || !found.Auth.OAuth || !found.Auth.OAuthInPage {
		return ""
	}
	if signup && found.Auth.OAuthSignup {
		return m.say("oauth.create_account_on", "server", hostOf(found.Auth.OAuthIssuer))
	}
	return m.say("oauth.sign_in_on", "server", hostOf(found.Auth.OAuthIssuer))
}

// StartOAuth registers the guide with the chosen server's sign-in service
// if it has not yet, notes the trip in storage and returns where to send
// the whole page; the widget must go there at once. signup asks for the
// server's sign-up page where it has one.
func (m *Model) StartOAuth(ctx context.Context, v View, signup bool) (string, error) {
	srv := v.Server.core()
	kv, page, err := m.tripStorage(false)
	if err != nil {
		return "", err
	}
	app := oauthApp(page)
	clientID, err := oauthClientID(ctx, kv, srv, app)
	if err != nil {
		return "", err
	}
	trip, err := matrix.StartOAuth(ctx, srv, clientID, app.RedirectURI, signup)
	if err != nil {
		return "", err
	}
	if err := noteTrip(kv, oauthTripKey, oauthTrip{OAuthTrip: *trip, Server: v.ServerInput, Started: time.Now()}, false); err != nil {
		return "", err
	}
	return trip.URL, nil
}

// oauthApp describes the guide as the page at page shows it: its home on
// this origin, the chapter (without query or fragment) as the way back, and
// the about page for the policies.
func oauthApp(page *url.URL) matrix.OAuthApp {
	origin := page.Scheme + "://" + page.Host
	back := url.URL{Scheme: page.Scheme, Host: page.Host, Path: page.Path}
	return matrix.OAuthApp{
		Name:        "Hello Matrix",
		ClientURI:   origin + basepath.Join("/"),
		LogoURI:     origin + basepath.Join("/web/icon-192.png"),
		PolicyURI:   origin + basepath.Join("/about") + "#privacy",
		TOSURI:      origin + basepath.Join("/about") + "#terms",
		RedirectURI: back.String(),
	}
}

// oauthClientID is the guide's app ID at srv's sign-in service for this
// way back, registering once and keeping it.
func oauthClientID(ctx context.Context, kv matrix.KV, srv *matrix.Server, app matrix.OAuthApp) (string, error) {
	key := srv.Auth.OAuthIssuer + " " + app.RedirectURI
	ids := map[string]string{}
	if raw, ok, _ := kv.Get(oauthClientsKey); ok {
		_ = json.Unmarshal(raw, &ids)
	}
	if id := ids[key]; id != "" {
		return id, nil
	}
	id, err := matrix.RegisterOAuthClient(ctx, srv, app)
	if err != nil {
		return "", err
	}
	ids[key] = id
	raw, _ := json.Marshal(ids)
	_ = kv.Set(oauthClientsKey, raw) // unsaved, it is registered again next time
	return id, nil
}

// finishOAuth runs once at start-up: if the address is an authorization
// server's answer, it takes the answer out of the address bar at once (so
// the code is not bookmarked, shared or kept in history) and, if this
// browser started that trip, finishes the sign-in. An answer nobody here
// asked for is not used.
func (m *Model) finishOAuth(kv matrix.KV) {
	q, ok := answerInAddress(matrix.IsOAuthReturn, matrix.OAuthParams...)
	if !ok {
		return
	}
	var trip oauthTrip
	if !readTrip(kv, oauthTripKey, &trip, func() time.Time { return trip.Started }, oauthMaxAge) || trip.State == "" {
		_ = kv.Delete(oauthTripKey)
		m.setOAuth(OAuthStatus{Err: &matrix.Error{Kind: matrix.KindOAuthStateMismatch, Reason: reasonStrayOAuthAnswer}})
		return
	}
	if q.Get("state") == trip.State {
		// Used once: a reload of the same address must not try again.
		_ = kv.Delete(oauthTripKey)
	}
	m.resumeServer(trip.Server)
	name := hostOf(trip.Issuer)
	m.setOAuth(OAuthStatus{Finishing: true, Server: name})
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		sess, err := matrix.FinishOAuth(ctx, trip.OAuthTrip, q)
		if err == nil {
			err = m.signIn(*sess)
		}
		if err != nil {
			m.setOAuth(OAuthStatus{Server: name, Err: err})
			return
		}
		m.setOAuth(OAuthStatus{Server: name, Done: m.say("signed_in_through", "user", string(sess.UserID), "through", name)})
	}()
}

// hostOf is the host of an address, for sentences ("account.example.org").
func hostOf(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Host == "" {
		return address
	}
	return u.Host
}
