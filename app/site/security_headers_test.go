package site

import (
	"strings"
	"testing"
)

// Inline scripts are found, and hashed as CSP expects.
func TestInlineScriptHashes(t *testing.T) {
	got := inlineScriptHashes(`<script src="/app.js"></script><script>alert(1)</script><script type="module">alert(1)</script>`)
	// printf 'alert(1)' | openssl dgst -sha256 -binary | base64
	want := []string{"sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("inlineScriptHashes = %v, want %v", got, want)
	}
}

// The static export's _headers sends the same headers as the server.
func TestHostHeadersCarrySecurityHeaders(t *testing.T) {
	policy := pagePolicy(testConfig)()
	headers := hostHeaders(policy)
	for name, value := range securityHeaders(policy) {
		if !strings.Contains(headers, "  "+name+": "+value+"\n") {
			t.Errorf("_headers lacks %s: %s", name, value)
		}
	}
}
