package reading

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// HomePage welcomes the reader and shows the whole guide at a glance.
type HomePage struct {
	app.Compo
	route string
}

// OnInit reads the route in the browser, so the app's first render is
// the prerendered page's language (OnNav comes after it).
func (p *HomePage) OnInit() {
	p.route = ui.BrowserRoute()
}

func (p *HomePage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *HomePage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *HomePage) initPage(ctx app.Context) {
	p.route = ui.CurrentRoute(ctx)
	ui.SetPageMeta(ctx, "", HomeDescription(ui.WordsAt(p.route)))
}

// HomeDescription is the landing page's meta description, and the
// installed app's.
func HomeDescription(w *words.Words) string { return w.Say("site.home.description") }

func (p *HomePage) Render() app.UI {
	lang := ui.LanguageAt(p.route)
	w := words.For(lang)
	chapters := pages.ChaptersIn(lang)
	return shell.NewPage().At(p.route).Content(
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
							Href(ui.SitePath(ui.FirstChapterRoute(lang))).
							Text(w.Say("site.home.start")),
						app.A().
							Href(ui.LangPath(lang, ui.ServersRoute)).
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
				widgets.NewLiveClient(widgets.LiveModel(lang)).Lang(lang).Widget(widgets.WidgetQuickStart),
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
