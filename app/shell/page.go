package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

const (
	// MainID is where the skip link jumps and where focus lands after an
	// in-app navigation, so keyboard and screen-reader users start reading
	// the new page instead of staying on the link they used.
	MainID = "main"
)

// Page is the shell every route shares: skip link, header, optional table of
// contents, the page's own content, and footer. Page components build it the
// way go-app's documentation site does: NewPage().At(route).TOC(...).Content(...).
type Page struct {
	app.Compo

	Iroute   string
	Itoc     []pages.Heading
	Iwide    bool
	Icontent []app.UI
}

func NewPage() *Page {
	return &Page{}
}

// At is the route of the page: the shell speaks its language, and the
// language switch links to the same page in the others.
func (p *Page) At(route string) *Page {
	p.Iroute = route
	return p
}

// TOC sets the headings listed under "On this page"; none hides the list.
func (p *Page) TOC(v []pages.Heading) *Page {
	p.Itoc = v
	return p
}

// Wide lets the content use the full width, for tables.
func (p *Page) Wide() *Page {
	p.Iwide = true
	return p
}

func (p *Page) Content(v ...app.UI) *Page {
	p.Icontent = app.FilterUIElems(v...)
	return p
}

func (p *Page) OnMount(ctx app.Context) {
	markAppRunning()
	// The page is on screen and usable; go-app's first update pass over
	// every component (it follows each mount) can wait for the next task.
	ui.YieldToBrowser()
}

func (p *Page) OnNav(ctx app.Context) {
	ctx.Defer(moveToNewPage)
}

func (p *Page) Render() app.UI {
	layout := "layout"
	if len(p.Itoc) != 0 {
		layout += " has-toc"
	}
	if p.Iwide {
		layout += " wide"
	}
	lang := ui.LanguageAt(p.Iroute)
	return app.Div().
		Class("site").
		Body(
			app.A().
				Class("skip-link").
				Href("#"+MainID).
				Text(words.For(lang).Say("site.page.skip")).
				OnClick(focusMain),
			newSiteHeader().At(p.Iroute),
			newLanguageOffers().At(p.Iroute),
			app.Div().
				Class(layout).
				Body(
					app.If(len(p.Itoc) != 0,
						newTOC().Lang(lang).Headings(p.Itoc),
					),
					app.Main().
						ID(MainID).
						TabIndex(-1).
						Body(p.Icontent...),
				),
			newSiteFooter().Lang(lang),
			newUpdateNotice().Lang(lang),
		)
}

// markAppRunning tells CSS and the browser tests that the WebAssembly app has
// taken over the prerendered page. It lives on <html> so the page's own DOM
// stays identical to the prerendered one.
func markAppRunning() {
	app.Window().Get("document").Get("documentElement").
		Call("setAttribute", "data-wasm", "ready")
}

// hasNavigated is false until the first navigation, which is the page load
// itself: the browser has already placed the reader (at the top, at the
// #anchor, or where they were before a reload), so that one is left alone.
var hasNavigated bool

// moveToNewPage makes an in-app navigation feel like a page load: scroll to
// the requested anchor or the top, and put focus at the start of the content.
func moveToNewPage(ctx app.Context) {
	if !hasNavigated {
		hasNavigated = true
		return
	}
	if fragment := ctx.Page().URL().Fragment; fragment != "" {
		ctx.ScrollTo(fragment)
		return
	}
	// A new page starts at the top at once, as after a page load: gliding
	// up through the previous chapter (the stylesheet's smooth scrolling)
	// would only be in the way.
	to := app.Window().Get("Object").New()
	to.Set("top", 0)
	to.Set("left", 0)
	to.Set("behavior", "instant")
	app.Window().Call("scrollTo", to)
	ui.FocusElement(MainID)
}

func focusMain(ctx app.Context, e app.Event) {
	ui.FocusElement(MainID)
}
