package reading

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// NotFoundPage answers any address that is not part of the guide, in the
// language its address names (/de/nope is German).
type NotFoundPage struct {
	app.Compo
	route string
}

func (p *NotFoundPage) OnInit() { p.route = ui.BrowserRoute() } // see HomePage.OnInit

func (p *NotFoundPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *NotFoundPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *NotFoundPage) initPage(ctx app.Context) {
	p.route = ui.CurrentRoute(ctx)
	w := ui.WordsAt(p.route)
	ui.SetPageMeta(ctx, w.Say("site.notfound.title"), w.Say("site.notfound.description"))
}

func (p *NotFoundPage) Render() app.UI {
	lang := ui.LanguageAt(p.route)
	w := words.For(lang)
	// Its language switch and offers go to each language's landing page:
	// this address has no page in any.
	return shell.NewPage().At(ui.LocalRoute(lang, ui.HomeRoute)).Content(
		newNotFound().
			Lang(lang).
			Title(w.Say("site.notfound.title")).
			Message(w.Say("site.notfound.message")),
	)
}

// notFound is the friendly body shared by unknown pages and unknown chapters:
// it says what happened and offers every way forward, in the page's
// language.
type notFound struct {
	app.Compo

	Ilang    string
	Ititle   string
	Imessage string
}

func newNotFound() *notFound {
	return &notFound{}
}

func (n *notFound) Lang(code string) *notFound {
	n.Ilang = code
	return n
}

func (n *notFound) Title(v string) *notFound {
	n.Ititle = v
	return n
}

func (n *notFound) Message(v string) *notFound {
	n.Imessage = v
	return n
}

func (n *notFound) Render() app.UI {
	w := words.For(n.Ilang)
	return app.Div().
		Class("not-found").
		Body(
			app.H1().Text(n.Ititle),
			app.P().Text(n.Imessage),
			newChapterList(pages.ChaptersIn(n.Ilang)),
			app.Ul().
				Class("not-found-links").
				Body(
					app.Li().Body(app.A().Href(ui.LangPath(n.Ilang, ui.HomeRoute)).Text(w.Say("site.notfound.home"))),
					app.Li().Body(app.A().Href(ui.LangPath(n.Ilang, ui.SearchRoute)).Text(w.Say("site.notfound.search"))),
				),
		)
}
