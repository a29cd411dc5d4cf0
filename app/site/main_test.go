package site

import (
	"net/http"
	"os"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/site/sitetest"
	"hellomatrix/pages"
)

// webDir is the repository's web/ folder, seen from this package's folder
// (where go test runs).
const webDir = "../../web"

// testServer is the site handler on a loopback port, shared by the tests
// that only read from it. Its pages are stand-ins (stubPage): what the
// guide's own components render is tested in package main, which serves
// them through New.
var testServer *sitetest.Server

// testConfig has the guide's routes and names, as package main gives them.
var testConfig = Config{
	ShortName:     "Hello Matrix",
	Description:   "A friendly, step-by-step guide to Matrix, for the site's tests.",
	HeadScript:    `<script>document.documentElement.dataset.test = "1";</script>`,
	PageRoutes:    guideRoutes(),
	NotFoundRoute: "/404",
}

// guideRoutes are the guide's pages: home, every chapter, the server
// directory and search.
func guideRoutes() []string {
	routes := []string{"/"}
	for _, c := range pages.Chapters() {
		routes = append(routes, c.Path())
	}
	return append(routes, "/servers", "/search")
}

// stubPage stands in for every page component.
type stubPage struct{ app.Compo }

func (p *stubPage) Render() app.UI {
	return app.Main().ID("main").Body(app.H1().Text("A page of the guide"))
}

func TestMain(m *testing.M) {
	os.Exit(sitetest.Main(m, func() http.Handler {
		for _, route := range append(testConfig.PageRoutes, testConfig.NotFoundRoute) {
			app.Route(route, &stubPage{})
		}
		return newSite(testConfig, webDir)
	}, &testServer))
}

type response = sitetest.Response

func get(t *testing.T, path string, headers ...string) response {
	t.Helper()
	return testServer.Get(t, path, headers...)
}

func mustGet(t *testing.T, path string, headers ...string) response {
	t.Helper()
	return testServer.MustGet(t, path, headers...)
}
