//go:build !js

package matrix

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// Discovery against each real server, which serves its own
// /.well-known/matrix/client (Dendrite's well_known_client_name, Synapse's
// public_baseurl).
func TestDiscoverRealServer(t *testing.T) { bothServers(t, testDiscoverRealServer) }

func testDiscoverRealServer(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	inputs := []string{
		srv.ServerName,                              // 127.0.0.1:PORT, loopback so http
		"http://" + srv.ServerName + "/",            // a URL with a trailing slash
		"  http://" + srv.ServerName + "//  ",       // whitespace and two slashes
		"@someone:" + srv.ServerName,                // a full user ID
		" @someone:" + srv.ServerName + "\n",        // pasted with a newline
		"HTTP://" + strings.ToUpper(srv.ServerName), // scheme case does not matter
	}
	for _, in := range inputs {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			hs, err := Discover(ctx, in)
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if hs.BaseURL != srv.URL || hs.Name != srv.ServerName || !hs.ViaWellKnown {
				t.Fatalf("got name %q base %q via well-known %v; want %q %q true", hs.Name, hs.BaseURL, hs.ViaWellKnown, srv.ServerName, srv.URL)
			}
			if !slices.Contains(hs.Versions, "v1.2") {
				t.Errorf("versions = %v", hs.Versions)
			}
			a := hs.Auth
			if !a.PasswordLogin || a.OAuth || a.OAuthOnly || a.SSO {
				t.Errorf("login info = %+v", a)
			}
			if !a.RegistrationOpen || a.RegistrationClosed || !a.CanRegisterInline || a.RegistrationNeedsBrowser ||
				a.RegistrationNeedsTerms || a.RegistrationNeedsToken || !slices.Equal(a.RegistrationStages, []string{"m.login.dummy"}) {
				t.Errorf("registration info = %+v", a)
			}
		})
	}
}

// A .well-known on one host pointing at the real server on another: the
// common "example.org delegates to matrix.example.org" setup. The httptest
// server only serves the file; it plays a plain web server, not Matrix.
func TestDiscoverFollowsWellKnownToAnotherHost(t *testing.T) {
	bothServers(t, testDiscoverFollowsWellKnownToAnotherHost)
}

func testDiscoverFollowsWellKnownToAnotherHost(t *testing.T, srv homeserver) {
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/matrix/client" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"m.homeserver": {"base_url": %q}}`, srv.URL+"/")
			return
		}
		http.NotFound(w, r)
	}))
	defer web.Close()
	host := strings.TrimPrefix(web.URL, "http://")
	hs, err := Discover(authCtx(t), "@alice:"+host)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	if hs.Name != host || hs.BaseURL != srv.URL || !hs.ViaWellKnown || !hs.Auth.PasswordLogin {
		t.Fatalf("got %+v", hs)
	}
}

func TestDiscoverBadInput(t *testing.T) {
	ctx := authCtx(t)
	cases := map[string]string{
		"empty":              "",
		"spaces":             "   \t ",
		"ftp":                "ftp://example.org",
		"mailto":             "mailto:alice@example.org",
		"garbage":            "hello world",
		"symbols":            "!!!",
		"bad host character": "exa$mple.org",
		"user ID no server":  "@alice",
		"user ID no name":    "@:example.org",
		"bad port":           "example.org:99999",
		"http not loopback":  "http://example.org",
		"credentials in URL": "https://bob:secret@example.org",
		"dash label":         "-example.org",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Discover(ctx, in)
			assertKind(t, err, KindBadServerName)
		})
	}
	t.Run("ftp message names the scheme", func(t *testing.T) {
		_, err := Discover(ctx, "ftp://example.org")
		if e := assertKind(t, err, KindBadServerName); e.Reason != ReasonNotWebScheme || e.Said != "ftp" {
			t.Errorf("%v: want the scheme named, to say what to use instead", e)
		}
	})
}

func TestParseServerInput(t *testing.T) {
	cases := []struct{ in, name, scheme, explicit string }{
		{"matrix.org", "matrix.org", "https", ""},
		{"Matrix.Org.", "matrix.org", "https", ""},
		{"https://matrix.org/", "matrix.org", "https", ""},
		{"@alice:matrix.org", "matrix.org", "https", ""},
		{"@alice:matrix.org:8448", "matrix.org:8448", "https", ""},
		{"localhost:8008", "localhost:8008", "http", ""},
		{"127.0.0.1:8008", "127.0.0.1:8008", "http", ""},
		{"[::1]:8008", "[::1]:8008", "http", ""},
		{"https://127.0.0.1:8448", "127.0.0.1:8448", "https", ""},
		{"https://example.org/matrix/", "example.org", "https", "https://example.org/matrix"},
		{"example.org/?x=1", "example.org", "https", ""},
	}
	for _, tc := range cases {
		got, err := parseServerInput(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got.name != tc.name || got.scheme != tc.scheme || got.explicit != tc.explicit {
			t.Errorf("%q: got %+v, want %s %s %q", tc.in, got, tc.name, tc.scheme, tc.explicit)
		}
	}
}

func TestDiscoverUnreachable(t *testing.T) {
	addr := closedPort(t)
	for _, in := range []string{addr, "http://" + addr + "/", "@alice:" + addr} {
		_, err := Discover(authCtx(t), in)
		e := assertKind(t, err, KindUnreachable)
		if e.Server != addr {
			t.Errorf("%v does not name %s", e, addr)
		}
	}
}

// webServer is an httptest server standing in for a non-Matrix website or a
// misconfigured .well-known host (allowed: these are not Matrix behaviour).
func webServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL
}

func TestDiscoverNotMatrix(t *testing.T) {
	ctx := authCtx(t)
	html := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			fmt.Fprint(w, "<!doctype html><title>My blog</title><p>Welcome!</p>")
		}
	}
	t.Run("website answering every path with its home page", func(t *testing.T) {
		_, err := Discover(ctx, webServer(t, html(http.StatusOK)))
		assertKind(t, err, KindNotMatrix)
	})
	t.Run("website with 404 pages", func(t *testing.T) {
		_, err := Discover(ctx, webServer(t, html(http.StatusNotFound)))
		assertKind(t, err, KindNotMatrix)
	})
	t.Run("JSON API that is not Matrix", func(t *testing.T) {
		u := webServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/.well-known/matrix/client" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"hello": "world"}`)
		})
		_, err := Discover(ctx, u)
		assertKind(t, err, KindNotMatrix)
	})
	t.Run("server error everywhere", func(t *testing.T) {
		u := webServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "oops", http.StatusBadGateway)
		})
		_, err := Discover(ctx, u)
		assertKind(t, err, KindServerError)
	})
}

func TestDiscoverBadWellKnown(t *testing.T) { bothServers(t, testDiscoverBadWellKnown) }

func testDiscoverBadWellKnown(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	notMatrix := webServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html>just a website</html>")
	})
	cases := map[string]string{
		"invalid JSON":             `{"m.homeserver": {"base_url": `,
		"no m.homeserver":          `{"m.identity_server": {"base_url": "https://vector.im"}}`,
		"no base_url":              `{"m.homeserver": {}}`,
		"empty base_url":           `{"m.homeserver": {"base_url": "  "}}`,
		"base_url wrong type":      `{"m.homeserver": {"base_url": 42}}`,
		"base_url not a URL":       `{"m.homeserver": {"base_url": "matrix server"}}`,
		"base_url ftp":             `{"m.homeserver": {"base_url": "ftp://example.org"}}`,
		"base_url insecure":        `{"m.homeserver": {"base_url": "http://example.org"}}`,
		"base_url not Matrix":      fmt.Sprintf(`{"m.homeserver": {"base_url": %q}}`, notMatrix),
		"base_url nothing listens": fmt.Sprintf(`{"m.homeserver": {"base_url": "http://%s"}}`, closedPort(t)),
		"array":                    `["` + srv.URL + `"]`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			u := webServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/.well-known/matrix/client" {
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, body)
					return
				}
				http.NotFound(w, r)
			})
			_, err := Discover(ctx, u)
			assertKind(t, err, KindBadWellKnown)
		})
	}
}
