package site

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
)

// The guide runs a Matrix client holding a reader's access token, so the
// browser is told to run only our own code: scripts and styles from this
// origin, the one inline script in <head> by its hash (never
// 'unsafe-inline'), and WebAssembly compilation ('wasm-unsafe-eval'), which
// app.wasm needs and which does not allow eval(). The live client talks to
// any https homeserver and to the practice one on loopback.
var securityHeaderNames = []string{
	"Content-Security-Policy",
	"Referrer-Policy",
	"X-Frame-Options",
	"X-Content-Type-Options",
}

// securityHeaders are the values for securityHeaderNames, the same for the
// server and the static export's _headers; policy is the site's
// Content-Security-Policy (pagePolicy).
func securityHeaders(policy string) map[string]string {
	return map[string]string{
		"Content-Security-Policy": policy,
		// A homeserver or a link's target has no need to learn which
		// chapter a reader was on.
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY", // for browsers without frame-ancestors
		"X-Content-Type-Options": "nosniff",
	}
}

// setSecurityHeaders adds them to a response; site.ServeHTTP calls it for
// every response (a service worker script gets its own policy too).
func setSecurityHeaders(w http.ResponseWriter, policy string) {
	h := securityHeaders(policy)
	for _, name := range securityHeaderNames {
		w.Header().Set(name, h[name])
	}
}

// contentSecurityPolicy builds the policy allowing the inline scripts whose
// hashes are given.
func contentSecurityPolicy(scriptHashes []string) string {
	script := "'self' 'wasm-unsafe-eval'"
	for _, h := range scriptHashes {
		script += " '" + h + "'"
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + script,
		"style-src 'self'",
		"img-src 'self' data:",
		"connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
		"worker-src 'self'",
		"manifest-src 'self'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"object-src 'none'",
	}, "; ")
}

// pagePolicy hashes the inline scripts of a page as go-app actually renders
// it, once per site, so a script added to the head later is covered without
// anyone copying a hash by hand. Every page shares the same head.
func pagePolicy(cfg Config) func() string {
	return sync.OnceValue(func() string {
		rec := httptest.NewRecorder()
		newAppHandler(cfg, "csp", pageData{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		return contentSecurityPolicy(inlineScriptHashes(rec.Body.String()))
	})
}

// inlineScript matches a <script> element without a src attribute.
var inlineScript = regexp.MustCompile(`(?s)<script(\s[^>]*)?>(.*?)</script>`)

// inlineScriptHashes returns the CSP hash source of each distinct inline
// script in html, in order.
func inlineScriptHashes(html string) []string {
	var hashes []string
	seen := map[string]bool{}
	for _, m := range inlineScript.FindAllStringSubmatch(html, -1) {
		// Scripts from a file, and data blocks (never run), need no hash.
		if strings.Contains(m[1], "src=") || strings.Contains(m[1], `type="application/json"`) {
			continue
		}
		sum := sha256.Sum256([]byte(m[2]))
		h := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
		if !seen[h] {
			seen[h] = true
			hashes = append(hashes, h)
		}
	}
	return hashes
}
