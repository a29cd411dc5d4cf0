//go:build !hmfetch

package matrix

import "net/http"

// A js/wasm build without the hmfetch tag (plain `GOOS=js GOARCH=wasm go
// build`, go vet, gopls) sends through net/http, whose default transport
// in a browser is itself a fetch. It behaves as the WASM build's direct
// fetch (fetch_js.go) does, with these differences:
//   - the binary links net/http's native transport too (TLS, HTTP/2,
//     sockets), which a browser never runs: about 30% more WASM;
//   - where the page has no fetch (or under Node), net/http falls back to
//     that native transport, where the direct fetch fails at once;
//   - net/http's errors read "net/http: fetch() failed: ..." where the
//     direct fetch says "fetch() failed: ..." (classify reads both);
//   - a response's ContentLength is taken from its Content-Length header
//     unless it was gzip-encoded, where the direct fetch always says -1
//     (the browser has undone any encoding, so the header may not match);
//   - the body streams in chunks instead of being read in one piece.
//
// Like the direct fetch, it never sends cookies: the Matrix API
// authenticates with a header, and net/http's default would be
// "same-origin".
var transport http.RoundTripper = omitCredentials{}

// omitCredentials asks net/http's fetch transport for credentials: "omit"
// through the request header it reads (and removes) for that option.
type omitCredentials struct{}

func (omitCredentials) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("js.fetch:credentials", "omit")
	return http.DefaultTransport.RoundTrip(req)
}
