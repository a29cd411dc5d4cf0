package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// siteHeader is the bar at the top of every page.
type siteHeader struct {
	app.Compo
	splitsMount
}

func newSiteHeader() *siteHeader {
	return &siteHeader{}
}

func (h *siteHeader) Render() app.UI {
	return app.Header().
		Class("site-header").
		Body(
			app.A().
				Class("site-name").
				Href(sitePath(homeRoute)).
				Body(
					app.Img().
						Src("/web/icon.svg").
						Alt("").
						Width(32).
						Height(32),
					app.Span().Text(siteName),
				),
			// Controls that may appear later (the account, the install
			// button) come first: the row is aligned right, so growing at
			// its left end moves nothing that is already there.
			app.Div().
				Class("header-tools").
				Body(
					// Who is signed in to the live client, once someone is.
					newAccountStatus(),
					newInstallButton(),
					newThemeSwitch(),
				),
			newSearchBox(),
		)
}
