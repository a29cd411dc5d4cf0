package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// notFoundPage answers any address that is not part of the guide, in the
// language its address names (/de/nope is German).
type notFoundPage struct {
	app.Compo
	route string
}

func (p *notFoundPage) OnInit() { p.route = browserRoute() } // see homePage.OnInit

func (p *notFoundPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *notFoundPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *notFoundPage) initPage(ctx app.Context) {
	p.route = currentRoute(ctx)
	w := wordsAt(p.route)
	setPageMeta(ctx, w.Say("site.notfound.title"), w.Say("site.notfound.description"))
}

func (p *notFoundPage) Render() app.UI {
	lang := languageAt(p.route)
	w := words.For(lang)
	// Its language switch and offers go to each language's landing page:
	// this address has no page in any.
	return newPage().At(localRoute(lang, homeRoute)).Content(
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
					app.Li().Body(app.A().Href(langPath(n.Ilang, homeRoute)).Text(w.Say("site.notfound.home"))),
					app.Li().Body(app.A().Href(langPath(n.Ilang, searchRoute)).Text(w.Say("site.notfound.search"))),
				),
		)
}
