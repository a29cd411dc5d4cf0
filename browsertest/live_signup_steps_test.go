package browsertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// stepsServer is a stand-in, not a homeserver: a minimal server whose
// sign-up asks for one step on its own web page (a pretend captcha behind
// the spec's fallback page, Client-Server API "Fallback": the server serves
// /auth/<stage>/fallback/web?session=, marks the stage done when its form is
// submitted, and the client then resends just the session). It stays a
// stand-in because what it checks is the guide's handling of any such page
// (a new tab, continuing too early, continuing after), and Synapse's own
// captcha page loads Google's widget, which cannot load here. Terms, which
// Synapse produces for real, are tested against it instead
// (live_signup_terms_test.go). It answers just enough of the client API for
// the guide to sign up and stay signed in.
type stepsServer struct {
	mu          sync.Mutex
	captchaDone map[string]bool
	sessions    int
}

func newStepsServer(t *testing.T) *httptest.Server {
	s := &stepsServer{captchaDone: map[string]bool{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func (s *stepsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A real server lets web apps in; so does this one.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
	w.Header().Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
	if r.Method == http.MethodOptions {
		return
	}
	reply := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	path := r.URL.Path
	switch {
	case path == "/_matrix/client/versions":
		reply(200, map[string]any{"versions": []string{"v1.11"}})
	case path == "/_matrix/client/v3/login":
		reply(200, map[string]any{"flows": []any{map[string]string{"type": "m.login.password"}}})
	case path == "/_matrix/client/v3/register/available":
		reply(200, map[string]bool{"available": true})
	case path == "/_matrix/client/v3/register":
		s.register(r, reply)
	case strings.HasPrefix(path, "/_matrix/client/v3/auth/m.login.recaptcha/fallback/web"):
		s.fallbackPage(w, r)
	case path == "/_matrix/client/v3/account/whoami":
		reply(200, map[string]string{"user_id": "@stepper:" + r.Host, "device_id": "DEV"})
	case strings.HasSuffix(path, "/filter"):
		reply(200, map[string]string{"filter_id": "1"})
	case path == "/_matrix/client/v3/sync":
		// Nothing ever happens here; hold the long poll a little, as a
		// real server does.
		if r.URL.Query().Get("since") != "" {
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
			}
		}
		reply(200, map[string]string{"next_batch": "s1"})
	case path == "/_matrix/client/v3/logout":
		reply(200, map[string]any{})
	default:
		reply(404, map[string]string{"errcode": "M_UNRECOGNIZED", "error": "not in this pretend server"})
	}
}

func (s *stepsServer) register(r *http.Request, reply func(int, any)) {
	var body struct {
		Username string         `json:"username"`
		Auth     map[string]any `json:"auth"`
	}
	json.NewDecoder(r.Body).Decode(&body)
	s.mu.Lock()
	defer s.mu.Unlock()
	session, _ := body.Auth["session"].(string)
	if session == "" {
		s.sessions++
		session = fmt.Sprintf("uia%d", s.sessions)
	}
	if s.captchaDone[session] && body.Username != "" {
		reply(200, map[string]string{"user_id": "@" + body.Username + ":" + r.Host, "access_token": "token-" + session, "device_id": "DEV"})
		return
	}
	completed := []string{}
	if s.captchaDone[session] {
		completed = append(completed, "m.login.recaptcha")
	}
	reply(401, map[string]any{
		"session":   session,
		"completed": completed,
		"flows":     []any{map[string]any{"stages": []string{"m.login.recaptcha"}}},
		"params": map[string]any{
			"m.login.recaptcha": map[string]string{"public_key": "pretend"},
		},
	})
}

// fallbackPage is the server's own page for the captcha step: a button
// that proves the reader is a person.
func (s *stepsServer) fallbackPage(w http.ResponseWriter, r *http.Request) {
	session := r.URL.Query().Get("session")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.Method == http.MethodPost {
		s.mu.Lock()
		s.captchaDone[session] = true
		s.mu.Unlock()
		fmt.Fprint(w, `<!doctype html><title>Done</title><p id="done">Thanks! You can close this tab and go back.</p>`)
		return
	}
	fmt.Fprintf(w, `<!doctype html><title>Are you a person?</title><form method="post" action="?session=%s"><button id="human">I am a person</button></form>`, session)
}

// A server whose sign-up has a step on its own page (the stand-in above):
// the guide opens that page in a new tab and carries on with the same
// sign-up once the reader says they are done there.
func TestLiveSignUpWithAServerPage(t *testing.T) {
	site := startServer(t)
	hs := newStepsServer(t)
	hsAddr := strings.TrimPrefix(hs.URL, "http://")
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	r := newReader(t, 1280, 900, "steps")

	run(t, r.ctx, "opening Creating an account", chromedp.Navigate(site.URL+registerPath), waitForApp())
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("register-server", "__other__"))
	r.fill("typing the server", "#register-other", hsAddr)
	r.click("checking it", "#register-other-check")
	r.text("what the server asks", "#register-verdict", "asks for a captcha or an email check")
	r.fill("choosing a username", "#register-username", "stepper")
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.click("creating the account", "#register-submit")

	r.text("the server's own page comes next", ".live-step", "check that you are a person")
	var fallback string
	run(t, r.ctx, "reading the link", chromedp.Evaluate(`(() => { const a = document.querySelector(".live-step a"); return a.target === "_blank" ? a.href : "not in a new tab: " + a.href; })()`, &fallback))
	if !strings.HasPrefix(fallback, hs.URL+"/_matrix/client/v3/auth/m.login.recaptcha/fallback/web?session=") {
		t.Fatalf("the server's page link is %q", fallback)
	}
	r.screenshot("server-page-step", ".live-step")

	// Continuing before finishing there keeps the reader on that step.
	r.click("continuing too early", "#register-continue")
	r.text("still waiting", ".live-step", "not finished yet")

	// The reader solves the captcha in the other tab (done here by hand).
	res, err := http.Post(fallback, "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	r.click("I've finished there — continue", "#register-continue")
	r.text("the account is ready", ".live-success", "is ready")
	r.text("signed in", "#account-slot", "Signed in as @stepper:"+hsAddr)
}
