package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// aboutPage says what the guide keeps about its readers and on what terms
// it is offered. Servers that sign people in through OAuth 2.0 show both
// links on their consent page (the guide names them when it registers
// itself), so they must be real pages on the guide's own host.
type aboutPage struct {
	app.Compo
	route string
}

func (p *aboutPage) OnInit() { p.route = browserRoute() } // see homePage.OnInit

func (p *aboutPage) OnPreRender(ctx app.Context) { p.initPage(ctx) }

func (p *aboutPage) OnNav(ctx app.Context) { p.initPage(ctx) }

func (p *aboutPage) initPage(ctx app.Context) {
	p.route = currentRoute(ctx)
	w := wordsAt(p.route)
	setPageMeta(ctx, w.Say("site.about.title"), w.Say("site.about.description"))
}

func (p *aboutPage) Render() app.UI {
	w := wordsAt(p.route)
	return newPage().At(p.route).Content(
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
