//go:build !js

package synapse_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
)

func TestMain(m *testing.M) { synapsetest.Main(m) }

// do sends one JSON request and returns the status and the decoded answer.
func do(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func login(t *testing.T, s *synapse.Server, user, password string, refresh bool) (int, map[string]any) {
	t.Helper()
	return do(t, "POST", s.URL+"/_matrix/client/v3/login", "", map[string]any{
		"type":          "m.login.password",
		"identifier":    map[string]any{"type": "m.id.user", "user": user},
		"password":      password,
		"refresh_token": refresh,
	})
}

// flows returns the stages of each sign-up flow the server offers, and the
// session's params, from an empty /register.
func flows(t *testing.T, s *synapse.Server) ([][]string, map[string]any) {
	t.Helper()
	code, out := do(t, "POST", s.URL+"/_matrix/client/v3/register", "", map[string]any{})
	if code != 401 {
		t.Fatalf("empty /register: %d %v, want 401 with flows", code, out)
	}
	var fs [][]string
	for _, f := range out["flows"].([]any) {
		var stages []string
		for _, st := range f.(map[string]any)["stages"].([]any) {
			stages = append(stages, st.(string))
		}
		fs = append(fs, stages)
	}
	params, _ := out["params"].(map[string]any)
	return fs, params
}

func TestServesMatrixOnLoopbackOnly(t *testing.T) {
	s := synapsetest.Shared(t)
	t.Logf("start-up with the template database: %s", s.StartTime.Round(10*time.Millisecond))
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %q is not on loopback", s.URL)
	}
	code, versions := do(t, "GET", s.URL+"/_matrix/client/versions", "", nil)
	if code != 200 || len(versions["versions"].([]any)) == 0 {
		t.Fatalf("/versions: %d %v", code, versions)
	}
	code, wk := do(t, "GET", s.URL+"/.well-known/matrix/client", "", nil)
	if base := wk["m.homeserver"].(map[string]any)["base_url"]; code != 200 || base != s.URL+"/" {
		t.Fatalf(".well-known: %d base_url %v, want %s/", code, base, s.URL)
	}
	listening := listenAddrs(t, s.PID())
	if len(listening) == 0 {
		t.Fatal("found no listening socket of the Synapse process")
	}
	for _, a := range listening {
		if a != "0100007F" {
			t.Fatalf("Synapse listens on %s (hex), not only on 127.0.0.1: %v", a, listening)
		}
	}
}

// listenAddrs returns the local IPs (as /proc/net/tcp writes them) of every
// TCP socket pid listens on.
func listenAddrs(t *testing.T, pid int) []string {
	t.Helper()
	inodes := map[string]bool{}
	fds, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", pid))
	for _, fd := range fds {
		if l, err := os.Readlink(fd); err == nil && strings.HasPrefix(l, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
		}
	}
	var ips []string
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(table)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 10 || fields[3] != "0A" || !inodes[fields[9]] { // 0A: LISTEN
				continue
			}
			ips = append(ips, strings.Split(fields[1], ":")[0])
		}
		f.Close()
	}
	return ips
}

func TestRegisterUserGivesAWorkingToken(t *testing.T) {
	s := synapsetest.Shared(t)
	name := synapsetest.UniqueName("harness")
	uid, tok, dev, err := s.RegisterUser(context.Background(), name, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	if uid != "@"+name+":"+s.ServerName || tok == "" || dev == "" {
		t.Fatalf("got %q %q %q", uid, tok, dev)
	}
	if code, who := do(t, "GET", s.URL+"/_matrix/client/v3/account/whoami", tok, nil); code != 200 || who["user_id"] != uid {
		t.Fatalf("whoami: %d %v, want %s", code, who, uid)
	}
}

// The default scenario is open sign-up: one flow, m.login.dummy, through the
// client API; the new account then logs in with its password.
func TestOpenSignUpAndPasswordLogin(t *testing.T) {
	s := synapsetest.Shared(t)
	fs, _ := flows(t, s)
	if !slices.ContainsFunc(fs, func(f []string) bool { return slices.Equal(f, []string{"m.login.dummy"}) }) {
		t.Fatalf("flows %v lack [m.login.dummy]", fs)
	}
	name := synapsetest.UniqueName("newcomer")
	uid := signUpDummy(t, s, name, "correct horse battery")
	code, out := login(t, s, name, "correct horse battery", false)
	if code != 200 || out["user_id"] != uid || out["access_token"] == nil {
		t.Fatalf("login: %d %v", code, out)
	}
	if code, _ := login(t, s, name, "wrong password", false); code != 403 {
		t.Fatalf("login with a wrong password: %d, want 403", code)
	}
}

func signUpDummy(t *testing.T, s *synapse.Server, name, password string) string {
	t.Helper()
	code, first := do(t, "POST", s.URL+"/_matrix/client/v3/register", "", map[string]any{"username": name, "password": password})
	if code != 401 {
		t.Fatalf("first /register: %d %v", code, first)
	}
	code, out := do(t, "POST", s.URL+"/_matrix/client/v3/register", "", map[string]any{
		"username": name, "password": password,
		"auth": map[string]any{"type": "m.login.dummy", "session": first["session"]},
	})
	if code != 200 || out["user_id"] != "@"+name+":"+s.ServerName {
		t.Fatalf("/register with m.login.dummy: %d %v", code, out)
	}
	return out["user_id"].(string)
}

// Synapse's defaults allow 3 sign-ups and 5 log-ins per account in a burst;
// the default scenario raises them, so tests can make many in a row.
func TestRateLimitsRaised(t *testing.T) {
	s := synapsetest.Shared(t)
	for i := 0; i < 6; i++ {
		signUpDummy(t, s, synapsetest.UniqueName("burst"), "correct horse battery")
	}
	name := synapsetest.UniqueName("often")
	signUpDummy(t, s, name, "correct horse battery")
	for i := 0; i < 10; i++ {
		if code, out := login(t, s, name, "correct horse battery", false); code != 200 {
			t.Fatalf("login %d: %d %v", i+1, code, out)
		}
	}
}

func TestRefusesNonLoopbackAddress(t *testing.T) {
	_, err := synapse.Start(context.Background(), synapse.Options{Addr: "0.0.0.0:8008"})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("want a loopback refusal, got %v", err)
	}
}

// One server with every sign-up stage the page must handle, short-lived
// tokens and Synapse's own rate limits: each subtest probes one of them.
func TestScenario(t *testing.T) {
	s := synapsetest.Start(t, synapse.Options{
		RateLimiting:              true,
		RegistrationRequiresToken: true,
		Terms:                     &synapse.Terms{},
		Email:                     &synapse.Email{SMTPPort: 2525, Required: true}, // mail is not sent here
		Recaptcha:                 &synapse.Recaptcha{SiteverifyURL: "http://127.0.0.1:9/siteverify"},
		OIDCProviders: []synapse.OIDCProvider{{
			ID: "test", Name: "Test provider", Issuer: "http://127.0.0.1:9/",
			ClientID: "hello-matrix", ClientSecret: "secret", SkipVerification: true,
			NoDiscovery:           true,
			AuthorizationEndpoint: "http://127.0.0.1:9/authorize",
			TokenEndpoint:         "http://127.0.0.1:9/token",
			UserinfoEndpoint:      "http://127.0.0.1:9/userinfo",
			Scopes:                []string{"profile"},
		}},
		RefreshTokenLifetime: 90 * time.Second,
	})
	t.Logf("start-up with the template database: %s", s.StartTime.Round(10*time.Millisecond))
	ctx := context.Background()

	t.Run("every flow has each stage", func(t *testing.T) {
		fs, params := flows(t, s)
		for _, stage := range []string{"m.login.registration_token", "m.login.terms", "m.login.email.identity", "m.login.recaptcha"} {
			for _, f := range fs {
				if !slices.Contains(f, stage) {
					t.Errorf("flow %v lacks %s", f, stage)
				}
			}
		}
		terms, _ := params["m.login.terms"].(map[string]any)
		policy, _ := terms["policies"].(map[string]any)["privacy_policy"].(map[string]any)
		en, _ := policy["en"].(map[string]any)
		url, _ := en["url"].(string)
		if !strings.HasPrefix(url, s.URL+"/_matrix/consent") || en["name"] != "Terms of Service" {
			t.Fatalf("terms params %v", params["m.login.terms"])
		}
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(page, []byte("Terms of Service 1.0")) {
			t.Fatalf("policy page %s: %s", resp.Status, page)
		}
		if key := params["m.login.recaptcha"].(map[string]any)["public_key"]; key != "test-public-key" {
			t.Fatalf("recaptcha public_key %v", key)
		}
	})

	t.Run("registration tokens from the admin API", func(t *testing.T) {
		tok, err := s.CreateRegistrationToken(ctx, synapse.RegistrationToken{UsesAllowed: 1})
		if err != nil {
			t.Fatal(err)
		}
		named, err := s.CreateRegistrationToken(ctx, synapse.RegistrationToken{Token: "welcome-2026"})
		if err != nil || named != "welcome-2026" {
			t.Fatalf("named token %q, %v", named, err)
		}
		for token, want := range map[string]bool{tok: true, named: true, "no-such-token": false} {
			code, out := do(t, "GET", s.URL+"/_matrix/client/v1/register/m.login.registration_token/validity?token="+token, "", nil)
			if code != 200 || out["valid"] != want {
				t.Fatalf("validity of %q: %d %v, want valid=%v", token, code, out, want)
			}
		}
	})

	t.Run("single sign-on is offered", func(t *testing.T) {
		code, out := do(t, "GET", s.URL+"/_matrix/client/v3/login", "", nil)
		var sso map[string]any
		for _, f := range out["flows"].([]any) {
			if f.(map[string]any)["type"] == "m.login.sso" {
				sso = f.(map[string]any)
			}
		}
		if code != 200 || sso == nil {
			t.Fatalf("login flows: %d %v", code, out)
		}
		idp := sso["identity_providers"].([]any)[0].(map[string]any)
		if idp["id"] != "oidc-test" || idp["name"] != "Test provider" {
			t.Fatalf("identity provider %v", idp)
		}
	})

	name := synapsetest.UniqueName("renewer")
	if _, _, _, err := s.RegisterUser(ctx, name, "correct horse battery", false); err != nil {
		t.Fatal(err)
	}
	t.Run("refresh tokens last RefreshTokenLifetime", func(t *testing.T) {
		code, out := login(t, s, name, "correct horse battery", true)
		ms, _ := out["expires_in_ms"].(float64)
		if code != 200 || ms < 80000 || ms > 90000 || out["refresh_token"] == nil {
			t.Fatalf("login with refresh_token: %d %v", code, out)
		}
		code, renewed := do(t, "POST", s.URL+"/_matrix/client/v3/refresh", "", map[string]any{"refresh_token": out["refresh_token"]})
		if code != 200 || renewed["access_token"] == nil || renewed["access_token"] == out["access_token"] {
			t.Fatalf("refresh: %d %v", code, renewed)
		}
	})

	// Last: it uses up this account's log-in allowance.
	t.Run("real rate limits give 429", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			code, out := login(t, s, name, "correct horse battery", false)
			if code == 429 {
				if out["errcode"] != "M_LIMIT_EXCEEDED" {
					t.Fatalf("429 with %v", out)
				}
				t.Logf("429 M_LIMIT_EXCEEDED at this account's log-in %d", i+2) // +1: the refresh subtest's
				return
			}
			if code != 200 {
				t.Fatalf("login %d: %d %v", i+1, code, out)
			}
		}
		t.Fatal("10 log-ins in a row and no 429: the scenario's rate limits are not Synapse's defaults")
	})
}

// A persistent folder keeps its accounts across restarts, and a Synapse
// still running on it (a run that never stopped it) is stopped first.
func TestPersistentDirAndStaleInstance(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s1, err := synapse.Start(ctx, synapse.Options{Dir: dir, Fast: true, SharedSecret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Stop()
	if _, _, _, err := s1.RegisterUser(ctx, "keeper", "correct horse battery", false); err != nil {
		t.Fatal(err)
	}
	// No Stop: the second Start finds s1 through the pid file and ends it.
	begin := time.Now()
	s2, err := synapse.Start(ctx, synapse.Options{Dir: dir, Addr: strings.TrimPrefix(s1.URL, "http://"), Fast: true, SharedSecret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Stop()
	t.Logf("stale stop and restart: %s (Synapse start %s)", time.Since(begin).Round(10*time.Millisecond), s2.StartTime.Round(10*time.Millisecond))
	select {
	case <-s1.Exited():
	default:
		t.Fatal("the stale Synapse still runs")
	}
	if code, out := login(t, s2, "keeper", "correct horse battery", false); code != 200 {
		t.Fatalf("login after restart: %d %v", code, out)
	}
}

// With MAS, the options Synapse forbids beside it are refused before
// Synapse starts, each named in one sentence.
func TestMASRefusesWhatSynapseForbids(t *testing.T) {
	mas := &synapse.MAS{Endpoint: "http://127.0.0.1:1/", Secret: "s"}
	for name, o := range map[string]synapse.Options{
		"Terms":                     {MAS: mas, Terms: &synapse.Terms{}},
		"Recaptcha":                 {MAS: mas, Recaptcha: &synapse.Recaptcha{}},
		"OIDCProviders":             {MAS: mas, OIDCProviders: []synapse.OIDCProvider{{ID: "x"}}},
		"Email":                     {MAS: mas, Email: &synapse.Email{}},
		"RegistrationRequiresToken": {MAS: mas, RegistrationRequiresToken: true},
		"RefreshTokenLifetime":      {MAS: mas, RefreshTokenLifetime: time.Minute},
		"AccessTokenLifetime":       {MAS: mas, AccessTokenLifetime: time.Minute},
	} {
		_, err := synapse.Start(context.Background(), o)
		if err == nil || !strings.Contains(err.Error(), "MAS cannot be combined with "+name+":") {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := synapse.Start(context.Background(), synapse.Options{MAS: &synapse.MAS{Endpoint: "http://127.0.0.1:1/"}})
	if err == nil || !strings.Contains(err.Error(), "MAS needs both Endpoint") {
		t.Errorf("no secret: %v", err)
	}
}
