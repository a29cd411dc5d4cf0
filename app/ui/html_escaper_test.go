//go:build !wasm

package ui

import (
	"html"
	"testing"
)

// HTMLEscaper stands in for html.EscapeString (highlight.go says why) and
// must escape exactly as it does.
func TestHTMLEscaperIsEscapeString(t *testing.T) {
	for _, s := range []string{"", "plain", `<b a="1" b='2'>&amp;</b>`, "&&<<>>\"\"''", "é <script>alert(1)</script> ü"} {
		if got, want := HTMLEscaper.Replace(s), html.EscapeString(s); got != want {
			t.Errorf("htmlEscaper.Replace(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	}
}
