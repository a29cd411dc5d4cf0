package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/directory"
	"hellomatrix/app/reading"
	"hellomatrix/app/ui"
	"hellomatrix/pages"
)

// registerRoutes maps every URL path to its page component. Chapters get one
// exact route each (so the static export and the offline cache know every
// one of them); the /guide/ pattern after them catches misspelt slugs so the
// chapter page can say so kindly, and the last pattern does the same for
// any other path.
//
// Every language has the same routes under its prefix (app/ui/language.go).
func registerRoutes() {
	for _, l := range pages.Languages {
		app.Route(l.Localize(ui.HomeRoute), &reading.HomePage{})
		for _, c := range pages.ChaptersIn(l.Code) {
			app.Route(c.Path(), &reading.ChapterPage{})
		}
		app.RouteWithRegexp("^"+l.Prefix()+"/guide/", &reading.ChapterPage{})
		app.Route(l.Localize(ui.ServersRoute), &directory.ServersPage{})
		app.Route(l.Localize(ui.SearchRoute), &reading.SearchPage{})
		app.Route(l.Localize(ui.AboutRoute), &reading.AboutPage{})
		app.Route(l.Localize(ui.NotFoundRoute), &reading.NotFoundPage{})
	}
	app.RouteWithRegexp(".*", &reading.NotFoundPage{})
}

// pageRoutes lists every path that has a real page, in a stable order,
// English's first. The
// server uses it to answer 404 for anything else, and the service worker
// caches all of them so the whole guide works offline.
func pageRoutes() []string {
	var routes []string
	for _, l := range pages.Languages {
		routes = append(routes, l.Localize(ui.HomeRoute))
		for _, c := range pages.ChaptersIn(l.Code) {
			routes = append(routes, c.Path())
		}
		routes = append(routes, l.Localize(ui.ServersRoute), l.Localize(ui.SearchRoute), l.Localize(ui.AboutRoute))
	}
	return routes
}
