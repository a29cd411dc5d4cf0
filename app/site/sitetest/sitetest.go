package sitetest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"hellomatrix/internal/wasmbuild"
)

// EnsureWasm makes the repository's web/app.wasm and its compressed twins
// current: several tests look at the real files.
func EnsureWasm() error {
	root, err := wasmbuild.RepoRoot()
	if err != nil {
		return err
	}
	if err := wasmbuild.Ensure(root); err != nil {
		return err
	}
	_, err = os.Stat(filepath.Join(root, "web", "app.wasm"))
	return err
}

// Main runs a test binary's tests against handler, served on 127.0.0.1
// for as long as they run, after EnsureWasm; its result is the exit code.
func Main(m *testing.M, serve func() http.Handler, srv **Server) int {
	if err := EnsureWasm(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ts := httptest.NewServer(serve()) // listens on 127.0.0.1
	defer ts.Close()
	*srv = &Server{URL: ts.URL}
	return m.Run()
}

// Server is a site under test at URL.
type Server struct{ URL string }

// Response is what a GET returned.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Get fetches path with optional request headers (name, value pairs),
// without following redirects and without decoding compressed bodies.
func (s *Server) Get(t *testing.T, path string, headers ...string) Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	// A bare transport: the default one would ask for gzip and decode it
	// behind our back.
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: string(body)}
}

// MustGet is Get that fails the test unless the status is 200.
func (s *Server) MustGet(t *testing.T, path string, headers ...string) Response {
	t.Helper()
	res := s.Get(t, path, headers...)
	if res.Status != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", path, res.Status)
	}
	return res
}

// absoluteURL finds absolute http(s) URLs in a page, a script or a manifest.
var absoluteURL = regexp.MustCompile(`https?://[^\s"'<>)]+`)

// OnlyLocalURLs fails t for any absolute URL in text that points at a host
// other than the site's own: the guide must load nothing from elsewhere.
func (s *Server) OnlyLocalURLs(t *testing.T, where, text string) {
	t.Helper()
	own, _ := url.Parse(s.URL)
	for _, raw := range absoluteURL.FindAllString(text, -1) {
		u, err := url.Parse(raw)
		if err != nil || u.Host != own.Host {
			t.Errorf("%s refers to another host: %s", where, raw)
		}
	}
}
