//go:build !wasm

package main

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// The pieces given to go-app as HTML escape what they quote, as go-app's own
// elements would, and keep one root element (go-app mounts its first).
func TestRawPiecesEscapeTheirText(t *testing.T) {
	list := app.HTMLString(newChapterList([]pages.Chapter{{Number: 2, Slug: "a&b", Title: `Tom & "Jerry"`, Description: "x < y"}}))
	for _, want := range []string{`<ol class="chapter-list">`, `href="` + sitePath("/guide/a&amp;b") + `"`,
		`<span class="chapter-list-number">2</span>`, `Tom &amp; &#34;Jerry&#34;`, `<p>x &lt; y</p>`} {
		if !strings.Contains(list, want) {
			t.Errorf("the chapter list %s lacks %s", list, want)
		}
	}
	group := app.HTMLString(serverGroup(`Open & "free"`, []string{"a.org", "b<c"}, "b<c"))
	want := `<optgroup label="Open &amp; &#34;free&#34;"><option value="a.org">a.org</option><option value="b&lt;c" selected>b&lt;c</option></optgroup>`
	if group != want {
		t.Errorf("serverGroup wrote\n%s\nwant\n%s", group, want)
	}
	if strings.Contains(app.HTMLString(serverGroup("L", []string{"a.org"}, "")), "selected") {
		t.Error("serverGroup selected a server nobody chose")
	}
}
