package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

const (
	homeRoute    = "/"
	serversRoute = "/servers"
	searchRoute  = "/search"
	aboutRoute   = "/about"

	// notFoundRoute is not linked from anywhere: the static export asks for
	// it so hosts that look for a 404.html get the friendly page.
	notFoundRoute = "/404"
)

// registerRoutes maps every URL path to its page component. Chapters get one
// exact route each (so the static export and the offline cache know every
// one of them); the /guide/ pattern after them catches misspelt slugs so the
// chapter page can say so kindly, and the last pattern does the same for
// any other path.
func registerRoutes() {
	app.Route(homeRoute, &homePage{})
	for _, c := range pages.Chapters() {
		app.Route(c.Path(), &chapterPage{})
	}
	app.RouteWithRegexp("^/guide/", &chapterPage{})
	app.Route(serversRoute, &serversPage{})
	app.Route(searchRoute, &searchPage{})
	app.Route(aboutRoute, &aboutPage{})
	app.Route(notFoundRoute, &notFoundPage{})
	app.RouteWithRegexp(".*", &notFoundPage{})
}

// pageRoutes lists every path that has a real page, in a stable order. The
// server uses it to answer 404 for anything else, and the service worker
// caches all of them so the whole guide works offline.
func pageRoutes() []string {
	routes := []string{homeRoute}
	for _, c := range pages.Chapters() {
		routes = append(routes, c.Path())
	}
	return append(routes, serversRoute, searchRoute, aboutRoute)
}
