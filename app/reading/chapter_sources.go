package reading

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// SourcesID is the anchor of a page's "Sources" list; the chapters' own
// headings never take it (a test in pages/render checks).
const SourcesID = pages.SourcesAnchor

// chapterChecked is the line under a page's title saying when its facts were
// last read against the public sources listed at its end.
func chapterChecked(w *words.Words, c pages.Chapter) app.UI {
	if c.Checked == "" {
		return nil
	}
	return ui.RawHTML(`<p class="chapter-checked">` + ui.SentenceHTML(w.Say("site.chapter.checked"),
		"sources", ui.LinkHTML("#"+SourcesID, w.Say("site.chapter.checked_sources")),
		"date", ui.TimeHTML(w, c.Checked)) + `</p>`)
}

// chapterSources is the list of public pages the chapter's facts come from,
// each with the day it was read for this page.
func chapterSources(w *words.Words, c pages.Chapter) app.UI {
	if len(c.Sources) == 0 {
		return nil
	}
	var list strings.Builder
	list.WriteString(`<ul>`)
	for _, s := range c.Sources {
		list.WriteString(`<li>` + ui.SentenceHTML(w.Say("site.chapter.source"),
			"source", ui.LinkHTML(s.URL, s.Title, "rel", "noopener"),
			"date", ui.TimeHTML(w, s.Checked)) + `</li>`)
	}
	list.WriteString(`</ul>`)
	return app.Section().
		Class("prose chapter-sources").
		Aria("labelledby", SourcesID).
		Body(
			app.H2().ID(SourcesID).Text(w.Say("site.chapter.sources")),
			ui.RawHTML(list.String()),
		)
}

// chapterTOC is the chapter's headings with its sources list at the end.
func chapterTOC(w *words.Words, c pages.Chapter) []pages.Heading {
	if len(c.Sources) == 0 {
		return c.Headings
	}
	hs := make([]pages.Heading, 0, len(c.Headings)+1)
	hs = append(hs, c.Headings...)
	return append(hs, pages.Heading{Level: 2, ID: SourcesID, Text: w.Say("site.chapter.sources")})
}
