package main

import (
	"net/url"
	"strings"

	"hellomatrix/pages"
)

// The routes of the pages other than the chapters, in English; every
// language has them under its prefix (localRoute, langPath).
const (
	homeRoute    = "/"
	serversRoute = "/servers"
	searchRoute  = "/search"
	aboutRoute   = "/about"

	// notFoundRoute is not linked from anywhere: the static export asks for
	// it so hosts that look for a 404.html get the friendly page.
	notFoundRoute = "/404"
)

// searchURL is the link to the results page for a query, in the language
// with that code.
func searchURL(lang, query string) string {
	query = strings.TrimSpace(query)
	if query == "" {
		return langPath(lang, searchRoute)
	}
	return langPath(lang, searchRoute) + "?q=" + url.QueryEscape(query)
}

// firstChapterRoute is where "Start" buttons point, in the language with
// that code.
func firstChapterRoute(lang string) string {
	if all := pages.ChaptersIn(lang); len(all) != 0 {
		return all[0].Path()
	}
	return localRoute(lang, homeRoute)
}
