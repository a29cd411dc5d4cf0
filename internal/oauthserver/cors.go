package oauthserver

import (
	"net/http"
	"strings"
)

// corsHeaders is MAS's allowed request header list (crates/handlers/src/lib.rs:
// the CORS layer on its API routes): the CORS-safelisted ones, Authorization,
// X-Requested-With and the tracing propagation headers. User-Agent is not on
// it, which is why a browser client must not set one.
var corsHeaders = strings.Join([]string{
	"Accept", "Accept-Language", "Content-Language", "Content-Type",
	"Authorization", "X-Requested-With",
	"traceparent", "tracestate", "baggage", "sentry-trace",
}, ", ")

// cors answers a preflight (OPTIONS) for an endpoint that takes method and
// lets any origin read the answer, as MAS does (Access-Control-Allow-Origin
// *: no cookies are involved, tokens travel in the body or a header). Any
// other method gets 405.
func cors(method string, h http.HandlerFunc) http.Handler {
	allow := method + ", OPTIONS"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Access-Control-Allow-Origin", "*")
		switch r.Method {
		case http.MethodOptions:
			hd.Set("Access-Control-Allow-Methods", allow)
			hd.Set("Access-Control-Allow-Headers", corsHeaders)
			hd.Set("Access-Control-Max-Age", "3600")
			w.WriteHeader(http.StatusNoContent)
		case method:
			h(w, r)
		default:
			hd.Set("Allow", allow)
			oauthError(w, http.StatusMethodNotAllowed, "invalid_request", "This endpoint takes "+method+" only.")
		}
	})
}
