package reading

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
)

// AboutPage says what the guide keeps about its readers and on what terms
// it is offered. Servers that sign people in through OAuth 2.0 show both
// links on their consent page (the guide names them when it registers
// itself), so they must be real pages on the guide's own host.
type AboutPage struct {
	app.Compo
	route string
}

func (p *AboutPage) OnInit() { p.route = ui.BrowserRoute() } // see HomePage.OnInit

func (p *AboutPage) OnPreRender(ctx app.Context) { p.initPage(ctx) }

func (p *AboutPage) OnNav(ctx app.Context) { p.initPage(ctx) }

func (p *AboutPage) initPage(ctx app.Context) {
	p.route = ui.CurrentRoute(ctx)
	w := ui.WordsAt(p.route)
	ui.SetPageMeta(ctx, w.Say("site.about.title"), w.Say("site.about.description"))
}

func (p *AboutPage) Render() app.UI {
	w := ui.WordsAt(p.route)
	return shell.NewPage().At(p.route).Content(
		app.Article().Class("about").Body(
			app.H1().Text(w.Say("site.about.heading")),
			app.P().Text(w.Say("site.about.intro")),
			app.H2().ID("privacy").Text(w.Say("site.about.privacy")),
			app.P().Text(w.Say("site.about.privacy_nothing")),
			app.P().Text(w.Say("site.about.privacy_browser")),
			app.P().Text(w.Say("site.about.privacy_server")),
			app.H2().ID("terms").Text(w.Say("site.about.terms")),
			app.P().Text(w.Say("site.about.terms_use")),
			app.P().Text(w.Say("site.about.terms_practice")),
		),
	)
}
