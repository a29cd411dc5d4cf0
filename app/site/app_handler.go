package site

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/basepath"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

const (
	// Icons live in web/ so go-app never falls back to its own, which it
	// would fetch from GitHub.
	iconPNG      = "/web/icon-192.png"
	iconLarge    = "/web/icon-512.png"
	iconSVG      = "/web/icon.svg"
	iconMaskable = "/web/icon-maskable.png"
	stylesheet   = "/web/app.css"

	themeColor      = "#136f63"
	backgroundColor = "#ffffff"

	// wasmSizeHeader carries app.wasm's real size: when it is sent
	// compressed, Content-Length is the compressed size, which would make
	// go-app's loading progress overshoot.
	wasmSizeHeader = "X-Uncompressed-Content-Length"

	// How often a long-open tab asks whether a new version was deployed.
	updateCheckInterval = 30 * time.Minute
)

// newAppHandler describes the PWA to go-app: names, icons, styles, what the
// service worker caches for offline reading, and the version that rolls that
// cache over.
func newAppHandler(cfg Config, version string, data pageData) *app.Handler {
	return &app.Handler{
		Name:        words.For(pages.English).Say("site.manifest.name"),
		ShortName:   cfg.ShortName,
		Title:       cfg.ShortName,
		Description: cfg.Description,
		Lang:        "en",
		Icon: app.Icon{
			Default:    iconPNG,
			Large:      iconLarge,
			SVG:        iconSVG,
			AppleTouch: iconPNG,
		},
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		// The cover is never shown (web/app.css), and one label serves
		// every language: a number says the same in all of them.
		LoadingLabel: "{progress}%",
		Styles:       []string{stylesheet},
		RawHeaders: []string{
			`<meta name="color-scheme" content="light dark">`,
			cfg.HeadScript,
			serversFeedTag(cfg),
		},
		CacheableResources:      cacheableResources(englishOnly(cfg.PageRoutes), data.urlsIn(pages.English)),
		Version:                 version,
		Resources:               resourceProvider(),
		WasmContentLengthHeader: wasmSizeHeader,
		ServiceWorkerTemplate:   serviceWorkerTemplate(otherLanguages(cfg.PageRoutes, data)),
		AutoUpdateInterval:      updateCheckInterval,
	}
}

// cacheableResources is everything the service worker stores beyond what
// go-app adds by itself (its scripts, the home page, app.wasm, styles and
// the PNG icons): every page, so the whole guide reads offline, the files
// the app reads the chapters from (so it can go to any of them offline),
// the icons go-app does not list, and the worker that compiles app.wasm.
func cacheableResources(pageRoutes, pageData []string) []string {
	var resources []string
	for _, route := range pageRoutes {
		if route != "/" {
			resources = append(resources, basepath.Join(route))
		}
	}
	resources = append(resources, pageData...)
	return append(resources, iconSVG, iconMaskable, "/web/"+compileWorkerFile)
}

// resourceProvider tells go-app where the site lives. go-app prefixes /web/
// paths and its own scripts with it; page links go through basepath.Join.
func resourceProvider() app.ResourceProvider {
	if basepath.Get() == "" {
		return app.LocalDir("")
	}
	return app.CustomProvider("", strings.TrimPrefix(basepath.Get(), "/"))
}

// serviceWorkerTemplate is go-app's worker with two changes. A page asked
// for with a query string (/search?q=matrix) is answered from the cached
// page without it when offline, instead of failing. And the pages of each
// language but English are kept once the reader visits one of them
// (worker_languages.go). Everything else, including the Version-keyed
// cache that makes updates work, is go-app's own.
func serviceWorkerTemplate(languages map[string][]string) string {
	const lookup = "caches.match(event.request)"
	js := strings.Replace(app.DefaultAppWorkerJS, lookup,
		`caches.match(event.request, { ignoreSearch: event.request.mode === "navigate" })`, 1)
	return withLanguageCaching(js, languages)
}
