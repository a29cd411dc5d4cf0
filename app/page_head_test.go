//go:build !wasm

package main

import (
	"strings"
	"testing"

	"hellomatrix/app/directory"
	"hellomatrix/app/site/sitetest"
	"hellomatrix/pages"
)

// The site's icons, as the pages link them (app/site serves them from web/).
const (
	iconPNG = "/web/icon-192.png"
	iconSVG = "/web/icon.svg"
)

func onlyLocalURLs(t *testing.T, where, text string) {
	t.Helper()
	testServer.OnlyLocalURLs(t, where, text)
}

func TestPageHeadIsLocal(t *testing.T) {
	for _, path := range pageRoutes() {
		page := mustGet(t, path).Body
		head, _, ok := strings.Cut(page, "</head>")
		if !ok {
			t.Fatalf("%s: no </head>", path)
		}
		// The one other address is the directory's feed, named (never
		// loaded) by a <meta> the app reads when a reader opens it.
		feedTag := `<meta name="` + directory.ServersFeedMeta + `" content="` + pages.ServersFeedURL + `">`
		if !strings.Contains(head, feedTag) {
			t.Errorf("%s: the head lacks %s", path, feedTag)
		}
		onlyLocalURLs(t, path+" <head>", strings.Replace(head, feedTag, "", 1))
		if !sitetest.HasTag(head, "link", "rel", "icon", "href", iconSVG) || !sitetest.HasTag(head, "link", "rel", "apple-touch-icon", "href", iconPNG) {
			t.Errorf("%s: the head lacks our icons", path)
		}
		// go-app's loading screen shows the default icon: ours, local.
		if !sitetest.HasTag(page, "img", "id", "app-wasm-loader-icon", "src", iconPNG) {
			t.Errorf("%s: the loader does not use our icon", path)
		}
		if strings.Contains(page, "githubusercontent") || strings.Contains(page, "go-app") {
			t.Errorf("%s: mentions go-app's own assets", path)
		}
	}
}
