//go:build !js

package matrix

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

// THE ONE PLACE WITH A FAKE MATRIX SERVER: a STAND-IN following the spec's
// user-interactive authentication rules (client-server API v1.12,
// "User-interactive authentication API"), kept only for what no server this
// project can start produces. Terms, registration tokens, the captcha
// fallback page and OAuth-only servers are tested on a real Synapse
// (signup_synapse_test.go); what is left here:
//   - a stage no server implements (org.example.custom_check), to prove
//     that an unknown stage is sent to its fallback page;
//   - a stage without a fallback page beside a flow with one, to prove
//     the driver moves on to the next flow (Synapse offers email only in
//     its own flows, so it cannot set up the mix);
//   - a mix of flows (captcha plus terms, email, dummy) no single server
//     configuration offers, to prove the cheapest inline flow wins.
//
// A server that wants only a phone check, which Synapse does produce, is
// tested there (TestSignupPhoneOnly), and so is email sign-up
// (register_email_test.go).
type uiaFake struct {
	t     *testing.T
	flows [][]string
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
	// driver; discovery is tested on real servers.
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

// A stage without a fallback page in one flow, a stage with one in another:
// the driver moves on to the flow it can finish.
func TestUIAStageWithoutFallbackPage(t *testing.T) {
	f := newUIAFake(t, []string{"m.login.msisdn"}, []string{"org.example.custom_check"})
	f.noPage = map[string]bool{"m.login.msisdn": true}
	reg, err := Register(authCtx(t), f.server(), RegisterRequest{Username: "hank", Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepBrowser || reg.Stage != "org.example.custom_check" {
		t.Fatalf("got %+v", reg)
	}
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
		{"captcha beats a phone check", fl([]string{"m.login.msisdn"}, []string{"m.login.recaptcha", "m.login.terms"}), true, nil, []string{"m.login.recaptcha", "m.login.terms"}, true},
		{"email is done in the guide", fl([]string{"m.login.email.identity"}, []string{"m.login.recaptcha", "m.login.terms"}), false, nil, []string{"m.login.email.identity"}, true},
		{"terms beat email", fl([]string{"m.login.email.identity"}, []string{"m.login.terms"}), false, nil, []string{"m.login.terms"}, true},
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

// Policies in several languages, as servers other than Synapse's default
// consent page list them: the reader's language first, then English.
func TestPolicyLanguages(t *testing.T) {
	pols := parsePolicies([]byte(`{"policies": {"privacy_policy": {"version": "1.2",
		"en": {"name": "Privacy Policy", "url": "https://example.org/privacy-en.html"},
		"fr": {"name": "Politique de confidentialité", "url": "https://example.org/privacy-fr.html"}}}}`))
	if len(pols) != 1 || pols[0].ID != "privacy_policy" || pols[0].Version != "1.2" || len(pols[0].Languages) != 2 {
		t.Fatalf("policies = %+v", pols)
	}
	if got := pols[0].In("fr-CA"); got.URL != "https://example.org/privacy-fr.html" {
		t.Errorf("In(fr-CA) = %+v", got)
	}
	if got := pols[0].In("de"); got.Name != "Privacy Policy" {
		t.Errorf("In(de) = %+v, want English fallback", got)
	}
}
