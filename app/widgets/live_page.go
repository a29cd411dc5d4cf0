package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
)

// pageLive, embedded in a component, is the language code of the page the
// component is on and the live client's view model for it (LiveModel), for
// the live client's parts that pages build without handing them either
// (the header's account, the directory's Check buttons). Both are found
// from the route when the component is built, again on the server before
// the HTML is written, and on every navigation: never kept for the whole
// process, since the server prerenders pages of several languages at once.
type pageLive struct {
	lang  string
	model *live.Model
}

// OnInit: in the browser the first render already matches the page
// (BrowserRoute); on the server OnPreRender sets both.
func (p *pageLive) OnInit() { p.at(ui.BrowserRoute()) }

func (p *pageLive) OnPreRender(ctx app.Context) { p.at(ui.CurrentRoute(ctx)) }

func (p *pageLive) OnNav(ctx app.Context) { p.at(ui.CurrentRoute(ctx)) }

func (p *pageLive) at(route string) {
	p.lang = ui.LanguageAt(route)
	p.model = LiveModel(p.lang)
}
