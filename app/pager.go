package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// pager links a chapter to the ones before and after it.
type pager struct {
	app.Compo

	Iprev pages.Chapter
	Inext pages.Chapter
}

func newPager() *pager {
	return &pager{}
}

func (p *pager) Prev(c pages.Chapter) *pager {
	p.Iprev = c
	return p
}

func (p *pager) Next(c pages.Chapter) *pager {
	p.Inext = c
	return p
}

func (p *pager) Render() app.UI {
	return app.Nav().
		Class("pager").
		Aria("label", "Chapters").
		Body(
			app.If(p.Iprev.Slug != "",
				app.A().
					Class("pager-prev").
					Href(sitePath(p.Iprev.Path())).
					Rel("prev").
					Body(
						app.Span().Class("pager-label").Text("Previous"),
						app.Span().Class("pager-title").Text(p.Iprev.Title),
					),
			),
			app.If(p.Inext.Slug != "",
				app.A().
					Class("pager-next").
					Href(sitePath(p.Inext.Path())).
					Rel("next").
					Body(
						app.Span().Class("pager-label").Text("Next"),
						app.Span().Class("pager-title").Text(p.Inext.Title),
					),
			).Else(
				app.A().
					Class("pager-next").
					Href(sitePath(homeRoute)).
					Body(
						app.Span().Class("pager-label").Text("Finished"),
						app.Span().Class("pager-title").Text("Back to the start"),
					),
			),
		)
}

// firstChapterRoute is where "Start" buttons point.
func firstChapterRoute() string {
	if all := pages.Chapters(); len(all) != 0 {
		return all[0].Path()
	}
	return homeRoute
}
