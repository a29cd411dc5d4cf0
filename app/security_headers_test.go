//go:build !wasm

package main

import (
	"crypto/sha256"
	"encoding/base64"
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

// The head script (head_script.go) is the one inline script.
func TestHomePageHasOnlyTheHeadScript(t *testing.T) {
	if page := mustGet(t, "/").Body; len(inlineScriptHashes(page)) != 1 {
		t.Errorf("the home page has %d inline scripts, expected only the head script", len(inlineScriptHashes(page)))
	}
}

// inlineScript matches a <script> element without a src attribute.
var inlineScript = regexp.MustCompile(`(?s)<script(\s[^>]*)?>(.*?)</script>`)

// inlineScriptHashes is the CSP hash source of each distinct inline script
// in html, worked out here as a browser would, to check the site's policy.
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
