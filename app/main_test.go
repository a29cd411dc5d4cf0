//go:build !wasm

package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"hellomatrix/app/site"
	"hellomatrix/internal/wasmbuild"
)

// webDir is the repository's web/ folder, seen from this package's folder
// (where go test runs).
const webDir = "../web"

// testServer is the real site handler with the guide's own pages on a
// loopback port, shared by the tests that only read from it.
var testServer *httptest.Server

func TestMain(m *testing.M) {
	os.Exit(func() int {
		root, err := wasmbuild.RepoRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		// Several tests look at the real app.wasm and its compressed twins.
		if err := wasmbuild.Ensure(root); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		registerRoutes()
		testServer = httptest.NewServer(site.New(siteConfig(), webDir)) // listens on 127.0.0.1
		defer testServer.Close()
		return m.Run()
	}())
}

// response is what a GET returned.
type response struct {
	Status int
	Header http.Header
	Body   string
}

// get fetches path from the test server with optional request headers
// (name, value pairs), without following redirects.
func get(t *testing.T, path string, headers ...string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, testServer.URL+path, nil)
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
	return response{Status: res.StatusCode, Header: res.Header, Body: string(body)}
}

// mustGet is get that fails the test unless the status is 200.
func mustGet(t *testing.T, path string, headers ...string) response {
	t.Helper()
	res := get(t, path, headers...)
	if res.Status != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", path, res.Status)
	}
	return res
}
