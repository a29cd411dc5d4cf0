//go:build !wasm

package main

import (
	"net/http"
	"os"
	"testing"

	"hellomatrix/app/site"
	"hellomatrix/app/site/sitetest"
)

// webDir is the repository's web/ folder, seen from this package's folder
// (where go test runs).
const webDir = "../web"

// testServer is the real site handler with the guide's own pages on a
// loopback port, shared by the tests that only read from it.
var testServer *sitetest.Server

func TestMain(m *testing.M) {
	os.Exit(sitetest.Main(m, func() http.Handler {
		registerRoutes()
		return site.New(siteConfig(), webDir)
	}, &testServer))
}

type response = sitetest.Response

func get(t *testing.T, path string, headers ...string) response {
	t.Helper()
	return testServer.Get(t, path, headers...)
}

func mustGet(t *testing.T, path string, headers ...string) response {
	t.Helper()
	return testServer.MustGet(t, path, headers...)
}
