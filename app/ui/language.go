package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// Every page is in one language, named by its address: English at the
// site's own routes, the others under their code (/de/guide/register,
// pages.LanguageOf). A page component finds its language from its route
// when it is built (OnPreRender on the server, OnNav in the browser) and
// hands it, as a *words.Words, to every component it renders: the server
// prerenders pages of different languages at the same time, so nothing
// may keep a language for the whole process.

// LanguageAt is the code of the language of the page at route.
func LanguageAt(route string) string {
	lang, _ := pages.LanguageOf(route)
	return lang
}

// WordsAt is the catalog of the language of the page at route.
func WordsAt(route string) *words.Words { return words.For(LanguageAt(route)) }

// pageWords is the catalog of the language of the page ctx is on.
func pageWords(ctx app.Context) *words.Words { return WordsAt(CurrentRoute(ctx)) }

// LocalRoute is route ("/servers") in the language with that code
// ("/de/servers").
func LocalRoute(lang, route string) string { return pages.Localize(lang, route) }

// LangPath is the URL path to link for route in that language.
func LangPath(lang, route string) string { return SitePath(LocalRoute(lang, route)) }
