package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
)

type siteFooter struct {
	app.Compo
	splitsMount

	Ilang string
}

func newSiteFooter() *siteFooter {
	return &siteFooter{}
}

func (f *siteFooter) Lang(code string) *siteFooter {
	f.Ilang = code
	return f
}

func (f *siteFooter) Render() app.UI {
	w := words.For(f.Ilang)
	link := func(route, text string) app.UI {
		return app.Li().Body(app.A().Href(sitePath(route)).Text(text))
	}
	return app.Footer().
		Class("site-footer").
		Body(
			app.Nav().
				Aria("label", w.Say("site.footer.label")).
				Body(
					app.Ul().Body(
						link(localRoute(f.Ilang, homeRoute), w.Say("site.footer.home")),
						link(firstChapterRoute(f.Ilang), w.Say("site.footer.start")),
						link(localRoute(f.Ilang, serversRoute), w.Say("site.footer.servers")),
						link(localRoute(f.Ilang, searchRoute), w.Say("site.footer.search")),
						link(localRoute(f.Ilang, aboutRoute), w.Say("site.footer.about")),
					),
				),
			app.P().Text(w.Say("site.footer.text")),
		)
}
