package reading

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// pager links a chapter to the ones before and after it.
type pager struct {
	app.Compo

	Ilang string
	Iprev pages.Chapter
	Inext pages.Chapter
}

func newPager() *pager {
	return &pager{}
}

func (p *pager) Lang(code string) *pager {
	p.Ilang = code
	return p
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
	w := words.For(p.Ilang)
	return app.Nav().
		Class("pager").
		Aria("label", w.Say("site.pager.label")).
		Body(
			app.If(p.Iprev.Slug != "",
				app.A().
					Class("pager-prev").
					Href(ui.SitePath(p.Iprev.Path())).
					Rel("prev").
					Body(
						app.Span().Class("pager-label").Text(w.Say("site.pager.previous")),
						app.Span().Class("pager-title").Text(p.Iprev.Title),
					),
			),
			app.If(p.Inext.Slug != "",
				app.A().
					Class("pager-next").
					Href(ui.SitePath(p.Inext.Path())).
					Rel("next").
					Body(
						app.Span().Class("pager-label").Text(w.Say("site.pager.next")),
						app.Span().Class("pager-title").Text(p.Inext.Title),
					),
			).Else(
				app.A().
					Class("pager-next").
					Href(ui.LangPath(p.Ilang, ui.HomeRoute)).
					Body(
						app.Span().Class("pager-label").Text(w.Say("site.pager.finished")),
						app.Span().Class("pager-title").Text(w.Say("site.pager.back_to_start")),
					),
			),
		)
}
