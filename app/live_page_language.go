package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// pageLanguage, embedded in a component, is the language code of the page
// the component is on, for the live client's parts that pages build
// without handing them one (the header's account, the directory's Check
// buttons). It is read from the route when the component is built, again
// on the server before the HTML is written, and on every navigation: never
// kept for the whole process, since the server prerenders pages of several
// languages at once.
type pageLanguage struct{ lang string }

// OnInit: in the browser the first render already matches the page
// (browserRoute); on the server OnPreRender sets it.
func (p *pageLanguage) OnInit() { p.lang = languageAt(browserRoute()) }

func (p *pageLanguage) OnPreRender(ctx app.Context) { p.lang = languageAt(currentRoute(ctx)) }

func (p *pageLanguage) OnNav(ctx app.Context) { p.lang = languageAt(currentRoute(ctx)) }
