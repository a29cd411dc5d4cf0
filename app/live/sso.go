package live

import (
	"context"
	"net/url"
	"strings"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// Single sign-on: "Continue with <provider>" sends the whole page to the
// server, which sends the reader on to the provider and finally back to
// this chapter with a one-time loginToken in the address. Nothing of the
// page survives that trip except storage, so StartSSO writes down which
// server the reader left for (never a secret), and Start, on the way back,
// finishes the sign-in with that server and takes the token out of the
// address bar. Signing up and logging in are the same trip: the server
// creates the account the first time someone arrives from the provider.

// SSOProvider is one "Continue with ..." choice a server offers.
type SSOProvider struct {
	ID   string // the server's idp_id; "" for its own chooser
	Name string
}

// SSOProviders are server s's single sign-on choices, none when it has
// no single sign-on. A server offering it without naming providers gets
// one choice that lets the server ask.
func (m *Model) SSOProviders(s *Server) []SSOProvider {
	return ssoProviders(m.speaking(), s.core())
}

// ssoProviders are found's single sign-on choices, named in w's words
// when it names none.
func ssoProviders(w *words.Words, found *matrix.Server) []SSOProvider {
	if found == nil || !found.Auth.SSO || found.Auth.OAuthOnly {
		return nil
	}
	var out []SSOProvider
	for _, p := range found.Auth.IdentityProviders {
		name := p.Name
		if name == "" {
			name = p.ID
		}
		out = append(out, SSOProvider{ID: p.ID, Name: name})
	}
	if len(out) == 0 {
		out = append(out, SSOProvider{Name: w.Say("sso.server_page")})
	}
	return out
}

// ssoKey holds the pending sign-on while the reader is away (ssoTrip as
// JSON).
const ssoKey = "live/sso"

// ssoMaxAge is how long a trip may take: Synapse's own session for it
// lasts an hour. An older note is stale and is not used.
const ssoMaxAge = time.Hour

// ssoTrip is what must survive the trip to the provider.
type ssoTrip struct {
	HomeserverURL string    `json:"homeserver_url"`
	Server        string    `json:"server"`   // the chosen server, as typed
	Provider      string    `json:"provider"` // its name, for the messages
	Started       time.Time `json:"started"`
}

// SSOStatus is how a sign-on that came back is going, for the widgets.
type SSOStatus struct {
	Finishing bool   // the one-time code is being exchanged
	Provider  string // whose sign-in it was
	Done      string // it worked: a sentence saying so
	Err       error  // it failed (worded by Message)
}

// SSONow is the state of the sign-on that brought the reader back, if any.
func (m *Model) SSONow() SSOStatus { return m.sso.get() }

func (m *Model) setSSO(st SSOStatus) {
	m.sso.set(st)
	m.changed()
}

// StartSSO returns where to send the whole page to sign in (or up) on the
// chosen server through p, after noting the trip in storage. The page must
// then go there at once (the widget sets location).
func (m *Model) StartSSO(v View, p SSOProvider) (string, error) {
	srv := v.Server.core()
	kv, page, err := m.tripStorage(true)
	if err != nil {
		return "", err
	}
	back := *page
	q := back.Query()
	q.Del(matrix.LoginTokenParam)
	back.RawQuery = q.Encode()
	target, err := matrix.SSORedirectURL(srv, p.ID, back.String())
	if err != nil {
		return "", err
	}
	trip := ssoTrip{HomeserverURL: srv.BaseURL, Server: v.ServerInput, Provider: p.Name, Started: time.Now()}
	if err := noteTrip(kv, ssoKey, trip, true); err != nil {
		return "", err
	}
	return target, nil
}

// finishSSO runs once at start-up: if the address carries a loginToken, it
// takes it out of the address bar at once (so it is not bookmarked, shared
// or kept in history) and, if this browser started that sign-on, exchanges
// it for a session. A token nobody here asked for is ignored, so a link
// cannot sign a reader into someone else's account.
func (m *Model) finishSSO(kv matrix.KV) {
	q, ok := answerInAddress(func(q url.Values) bool { return q.Has(matrix.LoginTokenParam) }, matrix.LoginTokenParam)
	if !ok {
		return
	}
	token := q.Get(matrix.LoginTokenParam)
	var trip ssoTrip
	fresh := readTrip(kv, ssoKey, &trip, func() time.Time { return trip.Started }, ssoMaxAge)
	_ = kv.Delete(ssoKey)
	if !fresh || trip.HomeserverURL == "" {
		m.setSSO(SSOStatus{Err: &matrix.Error{Kind: matrix.KindForbidden, Reason: reasonStraySSOToken}})
		return
	}
	m.resumeServer(trip.Server)
	m.setSSO(SSOStatus{Finishing: true, Provider: trip.Provider})
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		sess, err := matrix.LoginWithToken(ctx, matrix.TokenLoginRequest{HomeserverURL: trip.HomeserverURL, Token: token, InitialDeviceName: deviceName})
		if err == nil {
			err = m.signIn(*sess)
		}
		if err != nil {
			m.setSSO(SSOStatus{Provider: trip.Provider, Err: err})
			return
		}
		m.setSSO(SSOStatus{Provider: trip.Provider, Done: m.say("signed_in_through", "user", string(sess.UserID), "through", trip.Provider)})
	}()
}

// reasonStraySSOToken (KindForbidden): the page was opened with a login
// token and no trip of this browser's to match it.
const reasonStraySSOToken matrix.Reason = "stray_sso_token"

// ssoNames lists the server's providers for a sentence in w's language:
// "A", "A or B".
func ssoNames(w *words.Words, srv *matrix.Server) string {
	var names []string
	for _, p := range ssoProviders(w, srv) {
		names = append(names, p.Name)
	}
	switch len(names) {
	case 0:
		return w.Say("sso.single_sign_on")
	case 1:
		return names[0]
	}
	return w.Say("sso.names", "first", strings.Join(names[:len(names)-1], ", "), "last", names[len(names)-1])
}
