package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

type siteFooter struct {
	app.Compo
	splitsMount
}

func newSiteFooter() *siteFooter {
	return &siteFooter{}
}

func (f *siteFooter) Render() app.UI {
	return app.Footer().
		Class("site-footer").
		Body(
			app.Nav().
				Aria("label", "Site").
				Body(
					app.Ul().Body(
						app.Li().Body(app.A().Href(sitePath(homeRoute)).Text("Home")),
						app.Li().Body(app.A().Href(sitePath(firstChapterRoute())).Text("Start the guide")),
						app.Li().Body(app.A().Href(sitePath(serversRoute)).Text("Server directory")),
						app.Li().Body(app.A().Href(sitePath(searchRoute)).Text("Search")),
						app.Li().Body(app.A().Href(sitePath(aboutRoute)).Text("Privacy and terms")),
					),
				),
			app.P().Text("Hello Matrix is an independent, plain-language guide for people new to Matrix. "+
				"Once loaded, it keeps working without a network connection."),
		)
}
