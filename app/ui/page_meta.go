package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// SiteName ends every page's title.
const SiteName = "Hello Matrix"

// SetPageMeta gives a route its own <title>, meta description and <html
// lang>. Pages call it from both OnPreRender (the server's HTML) and OnNav
// (the running app), like go-app's documentation site does with initPage.
func SetPageMeta(ctx app.Context, title, description string) {
	route := CurrentRoute(ctx)
	ctx.Page().SetLang(LanguageAt(route))
	if title == "" {
		title = SiteName
	} else {
		title = WordsAt(route).Say("site.page.title", "page", title, "site", SiteName)
	}
	ctx.Page().SetTitle(title)
	ctx.Page().SetDescription(description)
}

// CurrentRoute is the route of the page being rendered, on the server and in
// the browser alike, without the base path.
func CurrentRoute(ctx app.Context) string {
	return RouteOf(ctx.Page().URL().Path)
}

// BrowserRoute is CurrentRoute for OnInit, which runs before a context
// exists. It is empty on the server, where OnPreRender fills the page in
// before any HTML is written; in the browser it lets the first render match
// the prerendered page instead of flashing an empty one.
func BrowserRoute() string {
	if !app.IsClient {
		return ""
	}
	return RouteOf(app.Window().URL().Path)
}
