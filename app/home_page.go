package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

const (
	homeDescription = "A friendly, step-by-step guide to Matrix, the open and federated chat network: " +
		"what it is, how to pick a server, and how to create an account and send your first message."
)

// homePage welcomes the reader and shows the whole guide at a glance.
type homePage struct {
	app.Compo

	lang string // the page's language code (language.go)
}

func (p *homePage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *homePage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *homePage) initPage(ctx app.Context) {
	p.lang = languageAt(currentRoute(ctx))
	setPageMeta(ctx, "", homeDescription)
}

func (p *homePage) Render() app.UI {
	chapters := pages.Chapters()
	return newPage().Content(
		app.Section().
			Class("intro").
			Aria("labelledby", "home-title").
			Body(
				app.H1().
					ID("home-title").
					Text("Hello Matrix"),
				app.P().
					Class("lead").
					Text("Matrix is a way to chat that no single company owns. Anyone can run a server, "+
						"and people on different servers can still talk to each other, much like email."),
				app.P().Text("This guide takes you from “what is this?” to your first message. "+
					"Each chapter is short, assumes no technical background, and explains the words you will meet along the way."),
				app.P().
					Class("start").
					Body(
						app.A().
							Class("button").
							Href(sitePath(firstChapterRoute())).
							Text("Start reading"),
						app.A().
							Href(sitePath(serversRoute)).
							Text("Or browse the server directory"),
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
					Text("Try Matrix now"),
				app.P().Text("Pick a username and a password and you are in a room, ready to write your first message. "+
					"Prefer to read first? Every step is explained in the chapters below, and each has this client too."),
				newLiveClient(liveModel(p.lang)).Lang(p.lang).Widget(widgetQuickStart),
			),
		app.Section().
			Aria("labelledby", "contents-title").
			Body(
				app.H2().
					ID("contents-title").
					Text("What’s in the guide"),
				newChapterList(chapters),
			),
	)
}
