package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

type siteFooter struct {
	app.Compo
	ui.SplitsMount

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
		return app.Li().Body(app.A().Href(ui.SitePath(route)).Text(text))
	}
	return app.Footer().
		Class("site-footer").
		Body(
			app.Nav().
				Aria("label", w.Say("site.footer.label")).
				Body(
					app.Ul().Body(
						link(ui.LocalRoute(f.Ilang, ui.HomeRoute), w.Say("site.footer.home")),
						link(ui.FirstChapterRoute(f.Ilang), w.Say("site.footer.start")),
						link(ui.LocalRoute(f.Ilang, ui.ServersRoute), w.Say("site.footer.servers")),
						link(ui.LocalRoute(f.Ilang, ui.SearchRoute), w.Say("site.footer.search")),
						link(ui.LocalRoute(f.Ilang, ui.AboutRoute), w.Say("site.footer.about")),
					),
				),
			app.P().Text(w.Say("site.footer.text")),
		)
}
