//go:build js && wasm && hmfetch

package matrix

import (
	"net/http"
	"net/url"
	"strings"

	"maunium.net/go/mautrix"
)

// With the hmfetch tag (set only by the WASM build, internal/wasmbuild) every
// request, mautrix's included, goes to fetch without passing through
// (*http.Client).Do: calling that method at all makes the linker keep
// net/http's native transport (TLS, x509, HTTP/2, sockets), about a fifth
// of the WASM, which a browser can never use. mautrix.SendHTTP exists only
// in the patched mautrix that build compiles against (internal/wasmbuild/patch.go
// adds it), so building with hmfetch against plain mautrix fails to compile
// rather than silently carrying the weight. Without the tag,
// http_client_js.go sends through net/http's own fetch transport instead.
func init() { mautrix.SendHTTP = send }

// transport is not used here: mautrix's clients and the core's own never
// reach (*http.Client).Do, so nothing reads their Transport.
var transport http.RoundTripper

// send does what (*http.Client).Do does for the core's requests: the
// client's Timeout bounds the whole exchange, and failures come wrapped
// in a *url.Error naming the method and URL.
func send(c *http.Client, req *http.Request) (*http.Response, error) {
	res, err := fetch(req, c.Timeout)
	if err != nil {
		return nil, &url.Error{Op: urlErrorOp(req.Method), URL: req.URL.String(), Err: err}
	}
	return res, nil
}

// urlErrorOp spells the method as net/http does in its errors ("Get").
func urlErrorOp(method string) string {
	if method == "" {
		return "Get"
	}
	return method[:1] + strings.ToLower(method[1:])
}
