package loadtest

import (
	"fmt"
	"net/http"

	"hellomatrix/pages"
)

// SiteRoutes is every kind of URL a reader's browser asks the guide for:
// the pages (home, each chapter, the directory, search), the PWA's
// manifest and service worker, the stylesheet, and the app itself as the
// brotli copy browsers download.
func SiteRoutes() []Route {
	routes := []Route{{Path: "/"}}
	for _, c := range pages.Chapters() {
		routes = append(routes, Route{Path: c.Path()})
	}
	return append(routes,
		Route{Path: "/servers"},
		Route{Path: "/search?q=matrix"},
		Route{Path: "/manifest.webmanifest"},
		Route{Path: "/app-worker.js"},
		Route{Path: "/web/app.css"},
		Route{
			Path:   "/web/app.wasm",
			Header: http.Header{"Accept-Encoding": {"br"}},
			Check:  wantEncoding("br"),
		},
	)
}

// wantEncoding checks that the precompressed copy was served, not the
// original (which is several times larger).
func wantEncoding(enc string) func(*http.Response) error {
	return func(r *http.Response) error {
		if got := r.Header.Get("Content-Encoding"); got != enc {
			return fmt.Errorf("Content-Encoding %q, want %q", got, enc)
		}
		return nil
	}
}
