//go:build !wasm

package main

import (
	"regexp"
	"strings"
	"testing"
)

// styleAttribute finds inline style attributes, which style-src 'self'
// would block.
var styleAttribute = regexp.MustCompile(`<[^>]*\sstyle=`)

// Every page, the 404 included, carries the security headers, and each of
// its inline scripts is allowed by hash; no page needs an inline style.
func TestSecurityHeadersOnEveryPage(t *testing.T) {
	for _, path := range append(pageRoutes(), "/search?q=matrix", "/no-such-page") {
		res := get(t, path)
		policy := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(policy, want) {
				t.Errorf("GET %s: the policy %q lacks %q", path, policy, want)
			}
		}
		if strings.Contains(policy, "unsafe-inline") {
			t.Errorf("GET %s: the policy allows unsafe-inline: %q", path, policy)
		}
		for _, h := range inlineScriptHashes(res.Body) {
			if !strings.Contains(policy, "'"+h+"'") {
				t.Errorf("GET %s: an inline script (%s) is not in the policy", path, h)
			}
		}
		if m := styleAttribute.FindString(res.Body); m != "" {
			t.Errorf("GET %s: an inline style the policy would block: %s", path, m)
		}
		for name, want := range map[string]string{"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"} {
			if got := res.Header.Get(name); got != want {
				t.Errorf("GET %s: %s is %q, want %q", path, name, got, want)
			}
		}
	}
}

// The theme script is the one inline script, and its hash is known.
func TestInlineScriptHashes(t *testing.T) {
	got := inlineScriptHashes(`<script src="/app.js"></script><script>alert(1)</script><script type="module">alert(1)</script>`)
	// printf 'alert(1)' | openssl dgst -sha256 -binary | base64
	want := []string{"sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("inlineScriptHashes = %v, want %v", got, want)
	}
	if page := mustGet(t, "/").Body; len(inlineScriptHashes(page)) != 1 {
		t.Errorf("the home page has %d inline scripts, expected only the theme script", len(inlineScriptHashes(page)))
	}
}

// The static export's _headers sends the same headers as the server.
func TestHostHeadersCarrySecurityHeaders(t *testing.T) {
	headers := hostHeaders()
	for name, value := range securityHeaders() {
		if !strings.Contains(headers, "  "+name+": "+value+"\n") {
			t.Errorf("_headers lacks %s: %s", name, value)
		}
	}
}
