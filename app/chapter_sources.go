package main

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// sourcesID is the anchor of a page's "Sources" list; the chapters' own
// headings never take it (a test in pages/render checks).
const sourcesID = pages.SourcesAnchor

// chapterChecked is the line under a page's title saying when its facts were
// last read against the public sources listed at its end.
func chapterChecked(c pages.Chapter) app.UI {
	if c.Checked == "" {
		return nil
	}
	return app.P().
		Class("chapter-checked").
		Body(
			app.Text("Checked against "),
			app.A().Href("#"+sourcesID).Text("its sources"),
			app.Text(" on "),
			// No full stop after it: the page writes each child on a line
			// of its own, which would show as a space before the stop.
			app.Time().DateTime(c.Checked).Text(readableDate(c.Checked)),
		)
}

// chapterSources is the list of public pages the chapter's facts come from,
// each with the day it was read for this page.
func chapterSources(c pages.Chapter) app.UI {
	if len(c.Sources) == 0 {
		return nil
	}
	return app.Section().
		Class("prose chapter-sources").
		Aria("labelledby", sourcesID).
		Body(
			app.H2().ID(sourcesID).Text("Sources"),
			app.Ul().Body(
				app.Range(c.Sources).Slice(func(i int) app.UI {
					s := c.Sources[i]
					return app.Li().Body(
						app.A().Href(s.URL).Rel("noopener").Text(s.Title),
						// A dash, not a comma: the page writes each child on a
						// line of its own, which shows as a space before it.
						app.Text(" — checked "),
						app.Time().DateTime(s.Checked).Text(readableDate(s.Checked)),
					)
				}),
			),
		)
}

// chapterTOC is the chapter's headings with its sources list at the end.
func chapterTOC(c pages.Chapter) []pages.Heading {
	if len(c.Sources) == 0 {
		return c.Headings
	}
	hs := make([]pages.Heading, 0, len(c.Headings)+1)
	hs = append(hs, c.Headings...)
	return append(hs, pages.Heading{Level: 2, ID: sourcesID, Text: "Sources"})
}

// readableDate writes 2026-12-07 as "7 December 2026"; a date it cannot
// read is shown as written.
func readableDate(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return d.Format("2 January 2006")
}
