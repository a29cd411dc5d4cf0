package matrix

import (
	"net/http"
	"time"
)

// httpClient does the requests the core makes itself (.well-known, the
// registration fallback page check) and those of the unauthenticated
// mautrix clients. Its timeout stops "Checking server..." from waiting
// forever.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// Do sends one plain HTTP request the way the core sends its own: natively
// with net/http, in the browser with fetch directly (see send in
// http_js.go). The app uses it for its own small requests.
func Do(req *http.Request) (*http.Response, error) { return send(httpClient, req) }
