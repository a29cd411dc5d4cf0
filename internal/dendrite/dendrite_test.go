//go:build !js

package dendrite_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/dendrite/dendritetest"
)

func TestMain(m *testing.M) { dendritetest.Main(m) }

func getJSON(t *testing.T, url string, out any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

func TestServesMatrixOnLoopback(t *testing.T) {
	s := dendritetest.Shared(t)
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %q is not on loopback", s.URL)
	}
	var versions struct{ Versions []string }
	if code := getJSON(t, s.URL+"/_matrix/client/versions", &versions); code != 200 || len(versions.Versions) == 0 {
		t.Fatalf("/versions: %d %v", code, versions)
	}
	var wk struct {
		HS struct {
			BaseURL string `json:"base_url"`
		} `json:"m.homeserver"`
	}
	getJSON(t, s.URL+"/.well-known/matrix/client", &wk)
	if wk.HS.BaseURL != s.URL {
		t.Fatalf(".well-known base_url = %q, want %q", wk.HS.BaseURL, s.URL)
	}
}

func TestRegisterUserGivesAWorkingToken(t *testing.T) {
	s := dendritetest.Shared(t)
	name := dendritetest.UniqueName("harness")
	uid, tok, dev, err := s.RegisterUser(context.Background(), name, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	if uid != "@"+name+":"+s.ServerName || tok == "" || dev == "" {
		t.Fatalf("got %q %q %q", uid, tok, dev)
	}
	req, _ := http.NewRequest("GET", s.URL+"/_matrix/client/v3/account/whoami", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var who struct {
		UserID string `json:"user_id"`
	}
	json.NewDecoder(resp.Body).Decode(&who)
	resp.Body.Close()
	if who.UserID != uid {
		t.Fatalf("whoami = %q, want %q", who.UserID, uid)
	}
}

func TestRefusesNonLoopbackAddress(t *testing.T) {
	_, err := dendrite.Start(context.Background(), dendrite.Options{Addr: "0.0.0.0:8008"})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("want a loopback refusal, got %v", err)
	}
}

// The sandbox keeps its data: an account made before a restart still logs in.
func TestPersistentDirSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := dendrite.Start(ctx, dendrite.Options{Dir: dir, Fast: false, SharedSecret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.RegisterUser(ctx, "keeper", "correct horse battery", false); err != nil {
		s.Stop()
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(s.URL, "http://")
	s.Stop()

	s2, err := dendrite.Start(ctx, dendrite.Options{Dir: dir, Addr: addr, SharedSecret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Stop()
	body := `{"type":"m.login.password","identifier":{"type":"m.id.user","user":"keeper"},"password":"correct horse battery"}`
	resp, err := http.Post(s2.URL+"/_matrix/client/v3/login", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("login after restart: %s", resp.Status)
	}
}
