package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
)

// siteHeader is the bar at the top of every page.
type siteHeader struct {
	app.Compo
	ui.SplitsMount

	Iroute string // the page's, for its language and the language switch
}

func newSiteHeader() *siteHeader {
	return &siteHeader{}
}

func (h *siteHeader) At(route string) *siteHeader {
	h.Iroute = route
	return h
}

func (h *siteHeader) Render() app.UI {
	lang := ui.LanguageAt(h.Iroute)
	return app.Header().
		Class("site-header").
		Body(
			newLanguageSwitch().At(h.Iroute),
			app.A().
				Class("site-name").
				Href(ui.LangPath(lang, ui.HomeRoute)).
				Body(
					app.Img().
						Src("/web/icon.svg").
						Alt("").
						Width(32).
						Height(32),
					app.Span().Text(ui.SiteName),
				),
			// Controls that may appear later (the account, the install
			// button) come first: the row is aligned right, so growing at
			// its left end moves nothing that is already there.
			app.Div().
				Class("header-tools").
				Body(
					// Who is signed in to the live client, once someone is.
					widgets.NewAccountStatus(),
					newInstallButton().Lang(lang),
					newThemeSwitch().Lang(lang),
				),
			newSearchBox().Lang(lang),
		)
}
