//go:build !hmfetch

package matrix

import "net/http"

// send is (*http.Client).Do everywhere but the WASM build, which sends
// straight to fetch instead (http_fetch_js.go).
func send(c *http.Client, req *http.Request) (*http.Response, error) { return c.Do(req) }
