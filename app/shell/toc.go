package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// toc is a chapter's "On this page" list. It is a <details> element: folded
// away on small screens so the chapter starts right under the header, and
// always shown beside the text on wide screens (see .toc in app.css). The
// same markup serves both, so nothing moves when the app takes over.
type toc struct {
	app.Compo
	ui.SplitsMount

	Ilang     string
	Iheadings []pages.Heading
}

func newTOC() *toc {
	return &toc{}
}

func (t *toc) Lang(code string) *toc {
	t.Ilang = code
	return t
}

func (t *toc) Headings(v []pages.Heading) *toc {
	t.Iheadings = v
	return t
}

func (t *toc) Render() app.UI {
	return app.Nav().
		Class("toc").
		Aria("labelledby", "toc-title").
		Body(
			app.Details().Body(
				app.Summary().
					ID("toc-title").
					Text(words.For(t.Ilang).Say("site.toc.title")),
				app.Ul().Body(
					app.Range(t.Iheadings).Slice(func(i int) app.UI {
						h := t.Iheadings[i]
						return app.Li().
							Class(tocLevelClass(h.Level)).
							Body(
								app.A().
									Href("#" + h.ID).
									Text(h.Text),
							)
					}),
				),
			),
		)
}

func tocLevelClass(level int) string {
	if level > 2 {
		return "toc-sub"
	}
	return "toc-top"
}
