package main

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// newChapterList is the numbered list of every chapter with its summary, used
// on the home page and wherever a reader needs a way back in.
func newChapterList(chapters []pages.Chapter) app.UI {
	return app.Ol().
		Class("chapter-list").
		Body(
			app.Range(chapters).Slice(func(i int) app.UI {
				c := chapters[i]
				return app.Li().Body(
					app.A().
						Href(sitePath(c.Path())).
						Body(
							app.Span().
								Class("chapter-list-number").
								Text(strconv.Itoa(c.Number)),
							app.Span().
								Class("chapter-list-title").
								Text(c.Title),
						),
					app.P().Text(c.Description),
				)
			}),
		)
}
