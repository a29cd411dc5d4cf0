package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// aboutPage says what the guide keeps about its readers and on what terms
// it is offered. Servers that sign people in through OAuth 2.0 show both
// links on their consent page (the guide names them when it registers
// itself), so they must be real pages on the guide's own host.
type aboutPage struct {
	app.Compo
}

func (p *aboutPage) OnPreRender(ctx app.Context) { p.initPage(ctx) }

func (p *aboutPage) OnNav(ctx app.Context) { p.initPage(ctx) }

func (p *aboutPage) initPage(ctx app.Context) {
	setPageMeta(ctx, "About this guide: privacy and terms", "What Hello Matrix keeps about you (only what your own browser stores) and the terms it is offered on.")
}

func (p *aboutPage) Render() app.UI {
	return newPage().Content(
		app.Article().Class("about").Body(
			app.H1().Text("About this guide"),
			app.P().Text("Hello Matrix is a free guide to Matrix with a small Matrix app built into its chapters, so you can try each step as you read about it."),
			app.H2().ID("privacy").Text("Privacy"),
			app.P().Text("The guide has no accounts of its own, no analytics and no advertising. The pages come from this site; everything the live client does goes straight from your browser to the Matrix server you pick."),
			app.P().Text("What the guide remembers stays in your own browser's storage: the server you picked, your sign-in to it while you stay signed in, messages waiting to be sent, and the app ID a server's sign-in service gave the guide. Logging out removes your sign-in; clearing this site's data in your browser removes the rest."),
			app.P().Text("Your account, your messages and your profile live on the Matrix server you chose, under that server's own privacy policy."),
			app.H2().ID("terms").Text("Terms"),
			app.P().Text("You may read, install and use the guide freely. It comes as it is, without any promise that it fits every purpose. The live client only does what you ask it to on the server you pick; what you may do there is set by that server's rules."),
			app.P().Text("A practice server started on your own computer keeps its accounts and messages on that computer only."),
		),
	)
}
