package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// registerRoutes maps every URL path to its page component. Chapters get one
// exact route each (so the static export and the offline cache know every
// one of them); the /guide/ pattern after them catches misspelt slugs so the
// chapter page can say so kindly, and the last pattern does the same for
// any other path.
//
// Every language has the same routes under its prefix (language.go).
func registerRoutes() {
	for _, l := range pages.Languages {
		app.Route(l.Localize(homeRoute), &homePage{})
		for _, c := range pages.ChaptersIn(l.Code) {
			app.Route(c.Path(), &chapterPage{})
		}
		app.RouteWithRegexp("^"+l.Prefix()+"/guide/", &chapterPage{})
		app.Route(l.Localize(serversRoute), &serversPage{})
		app.Route(l.Localize(searchRoute), &searchPage{})
		app.Route(l.Localize(aboutRoute), &aboutPage{})
		app.Route(l.Localize(notFoundRoute), &notFoundPage{})
	}
	app.RouteWithRegexp(".*", &notFoundPage{})
}

// pageRoutes lists every path that has a real page, in a stable order,
// English's first. The
// server uses it to answer 404 for anything else, and the service worker
// caches all of them so the whole guide works offline.
func pageRoutes() []string {
	var routes []string
	for _, l := range pages.Languages {
		routes = append(routes, l.Localize(homeRoute))
		for _, c := range pages.ChaptersIn(l.Code) {
			routes = append(routes, c.Path())
		}
		routes = append(routes, l.Localize(serversRoute), l.Localize(searchRoute), l.Localize(aboutRoute))
	}
	return routes
}
