//go:build !wasm

package reading

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/pages"
)

// The chapter list, given to go-app as HTML, escapes what it quotes, as
// go-app's own elements would, and keeps one root element (go-app mounts
// its first).
func TestChapterListEscapesItsText(t *testing.T) {
	list := app.HTMLString(newChapterList([]pages.Chapter{{Number: 2, Slug: "a&b", Title: `Tom & "Jerry"`, Description: "x < y"}}))
	for _, want := range []string{`<ol class="chapter-list">`, `href="` + ui.SitePath("/guide/a&amp;b") + `"`,
		`<span class="chapter-list-number">2</span>`, `Tom &amp; &#34;Jerry&#34;`, `<p>x &lt; y</p>`} {
		if !strings.Contains(list, want) {
			t.Errorf("the chapter list %s lacks %s", list, want)
		}
	}
}
