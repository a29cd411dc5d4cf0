//go:build !js

package matrix

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

// THE ONE PLACE WITH A FAKE MATRIX SERVER. Dendrite v0.15 only offers the
// m.login.dummy registration stage and no OAuth, so the UIA driver's other
// paths (terms, registration tokens, captcha/email fallback pages, flow
// choice) and OAuth-only handling cannot be produced for real. uiaFake
// answers exactly the spec-shaped responses those paths need (spec v1.12
// client-server API, "User-interactive authentication API"); everything
// else is tested against the real Dendrite in auth_test.go.
type uiaFake struct {
	t     *testing.T
	flows [][]string
	terms map[string]any // params for m.login.terms
	token string         // the valid registration token
	// noPage are stages without a fallback page (as Synapse has none for
	// m.login.email.identity): their fallback URL answers 404.
	noPage map[string]bool

	mu        sync.Mutex
	sessions  map[string][]string // session -> completed stages
	bodies    []map[string]any    // every POST /register body, in order
	fallbacks map[string]bool     // sessions whose fallback page was "finished"
	url       string
}

func newUIAFake(t *testing.T, flows ...[]string) *uiaFake {
	f := &uiaFake{t: t, flows: flows, sessions: map[string][]string{}, fallbacks: map[string]bool{}}
	s := httptest.NewServer(f)
	t.Cleanup(s.Close)
	f.url = s.URL
	return f
}

func (f *uiaFake) server() *Server {
	// Built by hand, not by Discover, so these tests exercise only the UIA
	// driver; TestUIADiscoveryReportsStages covers discovery on the fake.
	host := strings.TrimPrefix(f.url, "http://")
	return &Server{Name: host, BaseURL: f.url, Auth: AuthInfo{PasswordLogin: true, RegistrationOpen: true}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (f *uiaFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.URL.Path == "/_matrix/client/versions":
		writeJSON(w, 200, map[string]any{"versions": []string{"v1.11", "v1.12"}})
	case r.URL.Path == "/_matrix/client/v3/login" && r.Method == http.MethodGet:
		writeJSON(w, 200, map[string]any{"flows": []map[string]any{{"type": "m.login.password"}}})
	case r.URL.Path == "/_matrix/client/v3/register/available":
		writeJSON(w, 200, map[string]any{"available": true})
	case strings.HasPrefix(r.URL.Path, "/_matrix/client/v3/auth/") && strings.HasSuffix(r.URL.Path, "/fallback/web"):
		// The reader "finishing" the page: the test GETs it with ?done=1.
		sess := r.URL.Query().Get("session")
		stage, _ := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/_matrix/client/v3/auth/"), "/fallback/web"))
		if f.noPage[stage] {
			writeJSON(w, 404, map[string]any{"errcode": "M_UNRECOGNIZED", "error": "no fallback for " + stage})
			return
		}
		if _, ok := f.sessions[sess]; !ok {
			http.Error(w, "unknown session", 400)
			return
		}
		if r.URL.Query().Get("done") == "1" {
			f.fallbacks[sess] = true
			f.sessions[sess] = append(f.sessions[sess], stage)
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html>captcha page</html>")
	case r.URL.Path == "/_matrix/client/v3/register" && r.Method == http.MethodPost:
		f.register(w, r)
	default:
		writeJSON(w, 404, map[string]any{"errcode": "M_UNRECOGNIZED", "error": "Unrecognized request"})
	}
}

func (f *uiaFake) uia(w http.ResponseWriter, sess string, extra map[string]any) {
	flows := []map[string]any{}
	for _, fl := range f.flows {
		flows = append(flows, map[string]any{"stages": fl})
	}
	body := map[string]any{"flows": flows, "session": sess, "params": map[string]any{}}
	if f.terms != nil {
		body["params"] = map[string]any{"m.login.terms": f.terms}
	}
	if c := f.sessions[sess]; len(c) > 0 {
		body["completed"] = c
	}
	for k, v := range extra {
		body[k] = v
	}
	writeJSON(w, 401, body)
}

func (f *uiaFake) register(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeJSON(w, 400, map[string]any{"errcode": "M_NOT_JSON", "error": "bad"})
		return
	}
	f.bodies = append(f.bodies, body)
	auth, _ := body["auth"].(map[string]any)
	if auth == nil {
		sess := fmt.Sprintf("sess%d", len(f.sessions)+1)
		f.sessions[sess] = nil
		f.uia(w, sess, nil)
		return
	}
	sess, _ := auth["session"].(string)
	completed, ok := f.sessions[sess]
	if !ok {
		writeJSON(w, 400, map[string]any{"errcode": "M_UNKNOWN", "error": "unknown session"})
		return
	}
	switch typ, _ := auth["type"].(string); typ {
	case "":
		// Session only: after a fallback page.
	case "m.login.dummy", "m.login.terms":
		completed = append(completed, typ)
	case "m.login.registration_token":
		if auth["token"] != f.token {
			f.uia(w, sess, map[string]any{"errcode": "M_FORBIDDEN", "error": "Invalid token"})
			return
		}
		completed = append(completed, typ)
	default:
		writeJSON(w, 400, map[string]any{"errcode": "M_UNRECOGNIZED", "error": "stage not doable by clients: " + typ})
		return
	}
	f.sessions[sess] = completed
	for _, fl := range f.flows {
		if containsAll(completed, fl) {
			user, _ := body["username"].(string)
			writeJSON(w, 200, map[string]any{
				"user_id":      "@" + user + ":" + strings.TrimPrefix(f.url, "http://"),
				"access_token": "token-" + sess,
				"device_id":    "DEVICE" + strings.ToUpper(sess),
			})
			return
		}
	}
	f.uia(w, sess, nil)
}

func TestUIATermsThenDummy(t *testing.T) {
	f := newUIAFake(t, []string{"m.login.terms", "m.login.dummy"})
	f.terms = map[string]any{"policies": map[string]any{
		"privacy_policy": map[string]any{
			"version": "1.2",
			"en":      map[string]any{"name": "Privacy Policy", "url": "https://example.org/privacy-en.html"},
			"fr":      map[string]any{"name": "Politique de confidentialité", "url": "https://example.org/privacy-fr.html"},
		},
	}}
	ctx := authCtx(t)
	reg, err := Register(ctx, f.server(), RegisterRequest{Username: "alice", Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepAcceptTerms || len(reg.Terms) != 1 {
		t.Fatalf("got %+v, want terms step", reg)
	}
	assertSentence(t, reg.Message)
	p := reg.Terms[0]
	if p.ID != "privacy_policy" || p.Version != "1.2" || len(p.Languages) != 2 {
		t.Fatalf("policy = %+v", p)
	}
	if got := p.In("fr-CA"); got.URL != "https://example.org/privacy-fr.html" {
		t.Errorf("In(fr-CA) = %+v", got)
	}
	if got := p.In("de"); got.Name != "Privacy Policy" {
		t.Errorf("In(de) = %+v, want English fallback", got)
	}

	done, err := ResumeRegistration(ctx, reg, RegisterRequest{AcceptTerms: true})
	if err != nil {
		t.Fatal(err)
	}
	if done.Step != StepDone || done.Session == nil || string(done.Session.UserID) != "@alice:"+f.server().Name {
		t.Fatalf("got %+v", done)
	}
	// Every round resent username and password (the spec requires the
	// whole body each time) and used the one session.
	for i, b := range f.bodies {
		if b["username"] != "alice" || b["password"] != authPassword {
			t.Errorf("round %d body lacks username/password: %v", i, b)
		}
	}
	if n := len(f.bodies); n != 3 {
		t.Errorf("%d rounds, want 3 (ask for flows, terms, dummy)", n)
	}
}

func TestUIARegistrationToken(t *testing.T) {
	f := newUIAFake(t, []string{"m.login.registration_token"})
	f.token = "let-me-in"
	ctx := authCtx(t)
	reg, err := Register(ctx, f.server(), RegisterRequest{Username: "bob", Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepToken {
		t.Fatalf("step = %s, want token", reg.Step)
	}
	assertSentence(t, reg.Message)
	_, err = ResumeRegistration(ctx, reg, RegisterRequest{RegistrationToken: "wrong"})
	assertKind(t, err, KindBadRegistrationToken)
	// The same pending registration can be retried with the right code.
	done, err := ResumeRegistration(ctx, reg, RegisterRequest{RegistrationToken: " let-me-in "})
	if err != nil {
		t.Fatal(err)
	}
	if done.Step != StepDone || done.Session.AccessToken == "" {
		t.Fatalf("got %+v", done)
	}
	// Given up front, the token needs no extra step.
	reg, err = Register(ctx, f.server(), RegisterRequest{Username: "carol", Password: authPassword, RegistrationToken: "let-me-in"})
	if err != nil || reg.Step != StepDone {
		t.Fatalf("Register with token: %+v, %v", reg, err)
	}
}

func TestUIAFallbackStage(t *testing.T) {
	f := newUIAFake(t, []string{"m.login.recaptcha"})
	ctx := authCtx(t)
	reg, err := Register(ctx, f.server(), RegisterRequest{Username: "dave", Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepBrowser || reg.Stage != "m.login.recaptcha" {
		t.Fatalf("got %+v", reg)
	}
	assertSentence(t, reg.Message)
	want := f.url + "/_matrix/client/v3/auth/m.login.recaptcha/fallback/web?session=sess1"
	if reg.FallbackURL != want {
		t.Fatalf("FallbackURL = %q, want %q", reg.FallbackURL, want)
	}

	// Continuing before the page is done: the same step, saying so.
	again, err := ResumeRegistration(ctx, reg, RegisterRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Step != StepBrowser || again.FallbackURL != want || !strings.Contains(again.Message, "not finished") {
		t.Fatalf("got %+v", again)
	}

	// The reader solves the captcha on the server's page...
	res, err := http.Get(reg.FallbackURL + "&done=1")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	// ...and continues: the session-only request completes the sign-up.
	done, err := ResumeRegistration(ctx, again, RegisterRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if done.Step != StepDone || done.Session == nil {
		t.Fatalf("got %+v", done)
	}
	last := f.bodies[len(f.bodies)-1]["auth"].(map[string]any)
	if _, hasType := last["type"]; hasType || last["session"] != "sess1" {
		t.Errorf("after fallback sent auth %v, want session only", last)
	}
}

func TestUIAUnknownStageUsesFallback(t *testing.T) {
	f := newUIAFake(t, []string{"org.example.custom_check"})
	reg, err := Register(authCtx(t), f.server(), RegisterRequest{Username: "erin", Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepBrowser || !strings.Contains(reg.FallbackURL, "/auth/org.example.custom_check/fallback/web?session=") {
		t.Fatalf("got %+v", reg)
	}
}

func TestUIAStageWithoutFallbackPage(t *testing.T) {
	ctx := authCtx(t)
	t.Run("only flow", func(t *testing.T) {
		f := newUIAFake(t, []string{"m.login.email.identity"})
		f.noPage = map[string]bool{"m.login.email.identity": true}
		_, err := Register(ctx, f.server(), RegisterRequest{Username: "gina", Password: authPassword})
		e := assertKind(t, err, KindUnsupportedStage)
		if !strings.Contains(e.Message, "email") {
			t.Errorf("message %q does not say what step", e.Message)
		}
	})
	t.Run("another flow has a page", func(t *testing.T) {
		f := newUIAFake(t, []string{"m.login.email.identity"}, []string{"org.example.custom_check"})
		f.noPage = map[string]bool{"m.login.email.identity": true}
		reg, err := Register(ctx, f.server(), RegisterRequest{Username: "hank", Password: authPassword})
		if err != nil {
			t.Fatal(err)
		}
		if reg.Step != StepBrowser || reg.Stage != "org.example.custom_check" {
			t.Fatalf("got %+v", reg)
		}
	})
}

func TestUIAPrefersInlineFlow(t *testing.T) {
	f := newUIAFake(t,
		[]string{"m.login.recaptcha", "m.login.terms"},
		[]string{"m.login.email.identity"},
		[]string{"m.login.dummy"},
	)
	reg, err := Register(authCtx(t), f.server(), RegisterRequest{Username: "frank", Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepDone {
		t.Fatalf("step = %s, want done through the dummy flow", reg.Step)
	}
}

func TestChooseFlow(t *testing.T) {
	fl := func(s ...[]string) []uiaFlow {
		var out []uiaFlow
		for _, x := range s {
			out = append(out, uiaFlow{Stages: x})
		}
		return out
	}
	cases := []struct {
		name     string
		flows    []uiaFlow
		browser  bool
		done     []string
		want     []string
		wantBool bool
	}{
		{"dummy beats terms", fl([]string{"m.login.terms"}, []string{"m.login.dummy"}), false, nil, []string{"m.login.dummy"}, true},
		{"terms beats token", fl([]string{"m.login.registration_token"}, []string{"m.login.terms"}), false, nil, []string{"m.login.terms"}, true},
		{"no inline flow", fl([]string{"m.login.recaptcha"}), false, nil, nil, false},
		{"captcha beats email", fl([]string{"m.login.email.identity"}, []string{"m.login.recaptcha", "m.login.terms"}), true, nil, []string{"m.login.recaptcha", "m.login.terms"}, true},
		{"stick to completed", fl([]string{"m.login.dummy"}, []string{"m.login.terms", "m.login.recaptcha"}), true, []string{"m.login.terms"}, []string{"m.login.terms", "m.login.recaptcha"}, true},
		{"unstable token name", fl([]string{"org.matrix.msc3231.login.registration_token"}), false, nil, []string{"org.matrix.msc3231.login.registration_token"}, true},
	}
	for _, tc := range cases {
		got, ok := chooseFlow(tc.flows, tc.browser, tc.done...)
		if ok != tc.wantBool || !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v %v, want %v %v", tc.name, got, ok, tc.want, tc.wantBool)
		}
	}
}

// Discovery's summary of sign-up, on the fake (same reason as above).
func TestUIADiscoveryReportsStages(t *testing.T) {
	ctx := authCtx(t)
	t.Run("captcha only needs the browser", func(t *testing.T) {
		f := newUIAFake(t, []string{"m.login.recaptcha", "m.login.terms"})
		hs, err := Discover(ctx, f.url)
		if err != nil {
			t.Fatal(err)
		}
		a := hs.Auth
		if !a.RegistrationOpen || a.CanRegisterInline || !a.RegistrationNeedsBrowser {
			t.Fatalf("auth = %+v", a)
		}
		if d := strings.Join(hs.Describe(), " "); !strings.Contains(d, "server's own web page") {
			t.Errorf("Describe = %q", d)
		}
	})
	t.Run("terms and token inline", func(t *testing.T) {
		f := newUIAFake(t, []string{"m.login.registration_token", "m.login.terms"})
		f.terms = map[string]any{"policies": map[string]any{"tos": map[string]any{"version": "1", "en": map[string]any{"name": "Terms", "url": "https://example.org/tos"}}}}
		hs, err := Discover(ctx, f.url)
		if err != nil {
			t.Fatal(err)
		}
		a := hs.Auth
		if !a.CanRegisterInline || !a.RegistrationNeedsToken || !a.RegistrationNeedsTerms || len(a.Terms) != 1 || a.Terms[0].In().URL != "https://example.org/tos" {
			t.Fatalf("auth = %+v", a)
		}
	})
}

// OAuth-only servers, simulated by a reverse proxy in front of the real
// Dendrite that adds what Dendrite lacks (auth_metadata) and hides password
// login and /register the way an OAuth-delegating server does. Same
// justification as uiaFake: Dendrite cannot produce it.
func TestOAuthOnlyServer(t *testing.T) { bothServers(t, testOAuthOnlyServer) }

func testOAuthOnlyServer(t *testing.T, srv homeserver) {
	target, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var issuer string
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/.well-known/matrix/client":
			http.NotFound(w, r)
		case "/_matrix/client/v1/auth_metadata":
			writeJSON(w, 200, map[string]any{
				"issuer":                  issuer,
				"authorization_endpoint":  issuer + "authorize",
				"token_endpoint":          issuer + "oauth2/token",
				"account_management_uri":  issuer + "account/",
				"prompt_values_supported": []string{"create"},
			})
		case "/_matrix/client/v3/login":
			writeJSON(w, 200, map[string]any{"flows": []map[string]any{{"type": "m.login.sso"}, {"type": "m.login.token"}}})
		case "/_matrix/client/v3/register":
			writeJSON(w, 404, map[string]any{"errcode": "M_UNRECOGNIZED", "error": "Unrecognized request"})
		default:
			proxy.ServeHTTP(w, r)
		}
	}))
	defer front.Close()
	issuer = "https://auth.example.org/"

	ctx := authCtx(t)
	hs, err := Discover(ctx, front.URL)
	if err != nil {
		t.Fatal(err)
	}
	a := hs.Auth
	if !a.OAuth || !a.OAuthOnly || a.OAuthIssuer != issuer || a.SignupURL != issuer+"account/" || a.RegistrationClosed || a.RegistrationOpen {
		t.Fatalf("auth = %+v", a)
	}
	if d := strings.Join(hs.Describe(), " "); !strings.Contains(d, issuer+"account/") {
		t.Errorf("Describe = %q", d)
	}

	_, err = Register(ctx, hs, RegisterRequest{Username: "alice", Password: authPassword})
	e := assertKind(t, err, KindOAuthOnly)
	var o *OAuthRequired
	if !errors.As(e, &o) || o.Issuer != issuer || o.SignupURL != issuer+"account/" {
		t.Fatalf("OAuthRequired = %+v", o)
	}
	if !strings.Contains(e.Message, issuer+"account/") {
		t.Errorf("message %q does not say where to go", e.Message)
	}
	_, err = Login(ctx, hs, LoginRequest{User: "alice", Password: authPassword})
	assertKind(t, err, KindOAuthOnly)
}
