package matrix

import (
	"net/http"
	"time"
)

// httpClient does the requests the core makes itself (.well-known, the
// registration fallback page check) and those of the unauthenticated
// mautrix clients. Its timeout stops "Checking server..." from waiting
// forever. transport is nil (net/http's default) but in a js/wasm build
// without the hmfetch tag (http_client_js.go).
var httpClient = &http.Client{Timeout: 30 * time.Second, Transport: transport}

// Do sends one plain HTTP request the way the core sends its own: natively
// with net/http, in the WASM build with fetch directly (see send in
// http_fetch_js.go). The app uses it for its own small requests.
func Do(req *http.Request) (*http.Response, error) { return send(httpClient, req) }
