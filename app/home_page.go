package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// homePage welcomes the reader and shows the whole guide at a glance.
type homePage struct {
	app.Compo
	route string
}

// OnInit reads the route in the browser, so the app's first render is
// the prerendered page's language (OnNav comes after it).
func (p *homePage) OnInit() {
	p.route = browserRoute()
}

func (p *homePage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *homePage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *homePage) initPage(ctx app.Context) {
	p.route = currentRoute(ctx)
	setPageMeta(ctx, "", homeDescription(wordsAt(p.route)))
}

// homeDescription is the landing page's meta description, and the
// installed app's.
func homeDescription(w *words.Words) string { return w.Say("site.home.description") }

func (p *homePage) Render() app.UI {
	lang := languageAt(p.route)
	w := words.For(lang)
	chapters := pages.ChaptersIn(lang)
	return newPage().At(p.route).Content(
		app.Section().
			Class("intro").
			Aria("labelledby", "home-title").
			Body(
				app.H1().
					ID("home-title").
					Text(w.Say("site.home.title")),
				app.P().
					Class("lead").
					Text(w.Say("site.home.lead")),
				app.P().Text(w.Say("site.home.intro")),
				app.P().
					Class("start").
					Body(
						app.A().
							Class("button").
							Href(sitePath(firstChapterRoute(lang))).
							Text(w.Say("site.home.start")),
						app.A().
							Href(langPath(lang, serversRoute)).
							Text(w.Say("site.home.browse_servers")),
					),
			),
		// Try first, read later: the whole way to a first message in
		// one box. Without JavaScript it stays a disabled form and the
		// sentence below points to the chapters, which read fine.
		app.Section().
			Class("quick-start").
			ID("try").
			Aria("labelledby", "try-title").
			Body(
				app.H2().
					ID("try-title").
					Text(w.Say("site.home.try_title")),
				app.P().Text(w.Say("site.home.try_text")),
				newLiveClient(liveModel(lang)).Lang(lang).Widget(widgetQuickStart),
			),
		app.Section().
			Aria("labelledby", "contents-title").
			Body(
				app.H2().
					ID("contents-title").
					Text(w.Say("site.home.contents_title")),
				newChapterList(chapters),
			),
	)
}
