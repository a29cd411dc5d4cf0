package reading

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/pages"
)

// newChapterList is the numbered list of every chapter with its summary, used
// on the home page and wherever a reader needs a way back in.
//
// It is one piece of HTML (RawHTML says why): on the landing page it was a
// third of the elements go-app built one by one before the reader could type
// in the box above it. Its links still go through the app: go-app handles a
// click on any link in the page.
func newChapterList(chapters []pages.Chapter) app.UI {
	var b strings.Builder
	b.WriteString(`<ol class="chapter-list">`)
	for _, c := range chapters {
		b.WriteString(`<li><a href="` + ui.HTMLEscaper.Replace(ui.SitePath(c.Path())) + `">`)
		b.WriteString(`<span class="chapter-list-number">` + strconv.Itoa(c.Number) + `</span>`)
		b.WriteString(`<span class="chapter-list-title">` + ui.HTMLEscaper.Replace(c.Title) + `</span>`)
		b.WriteString(`</a><p>` + ui.HTMLEscaper.Replace(c.Description) + `</p></li>`)
	}
	b.WriteString(`</ol>`)
	return ui.RawHTML(b.String())
}
