package ui

import (
	"net/url"
	"strings"

	"hellomatrix/pages"
)

// The routes of the pages other than the chapters, in English; every
// language has them under its prefix (LocalRoute, LangPath).
const (
	HomeRoute    = "/"
	ServersRoute = "/servers"
	SearchRoute  = "/search"
	AboutRoute   = "/about"

	// NotFoundRoute is not linked from anywhere: the static export asks for
	// it so hosts that look for a 404.html get the friendly page.
	NotFoundRoute = "/404"
)

// SearchURL is the link to the results page for a query, in the language
// with that code.
func SearchURL(lang, query string) string {
	query = strings.TrimSpace(query)
	if query == "" {
		return LangPath(lang, SearchRoute)
	}
	return LangPath(lang, SearchRoute) + "?q=" + url.QueryEscape(query)
}

// FirstChapterRoute is where "Start" buttons point, in the language with
// that code.
func FirstChapterRoute(lang string) string {
	if all := pages.ChaptersIn(lang); len(all) != 0 {
		return all[0].Path()
	}
	return LocalRoute(lang, HomeRoute)
}
