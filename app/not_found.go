package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// notFoundPage answers any address that is not part of the guide.
type notFoundPage struct {
	app.Compo
}

func (p *notFoundPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *notFoundPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *notFoundPage) initPage(ctx app.Context) {
	setPageMeta(ctx, "Page not found", "There is no page at this address in the Hello Matrix guide.")
}

func (p *notFoundPage) Render() app.UI {
	return newPage().Content(
		newNotFound().
			Title("Page not found").
			Message("Nothing lives at this address. The link may be old or mistyped. Here is everything the guide has instead."),
	)
}

// notFound is the friendly body shared by unknown pages and unknown chapters:
// it says what happened and offers every way forward.
type notFound struct {
	app.Compo

	Ititle   string
	Imessage string
}

func newNotFound() *notFound {
	return &notFound{}
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
	return app.Div().
		Class("not-found").
		Body(
			app.H1().Text(n.Ititle),
			app.P().Text(n.Imessage),
			newChapterList(pages.Chapters()),
			app.Ul().
				Class("not-found-links").
				Body(
					app.Li().Body(app.A().Href(sitePath(homeRoute)).Text("Go to the home page")),
					app.Li().Body(app.A().Href(sitePath(searchRoute)).Text("Search the guide")),
				),
		)
}
