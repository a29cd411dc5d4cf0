package faultproxy

import (
	"net/http"
	"strings"
)

// Match decides which requests may get a fault. OPTIONS preflights never
// do, whatever it says: a browser that cannot preflight reports a CORS
// error, which would hide the fault the test meant to show.
type Match func(*http.Request) bool

// PathContains matches requests whose path contains any of parts.
func PathContains(parts ...string) Match {
	return func(r *http.Request) bool {
		for _, p := range parts {
			if strings.Contains(r.URL.Path, p) {
				return true
			}
		}
		return false
	}
}

// SendAndSync matches the two Matrix calls a chat lives on: sending an
// event (PUT /rooms/{id}/send/{type}/{txn}) and /sync.
var SendAndSync = PathContains("/send/", "/sync")

// Everything matches every request.
func Everything(*http.Request) bool { return true }
