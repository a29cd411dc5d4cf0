package site

import (
	"bytes"
	"regexp"

	"hellomatrix/app/basepath"
)

// go-app's viewport tag stops readers from zooming (maximum-scale=1,
// user-scalable=0), which fails people who need larger text. The page is
// built to reflow at any size, so zooming is allowed again.
var (
	lockedViewport = []byte(`content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover"`)
	openViewport   = []byte(`content="width=device-width, initial-scale=1, viewport-fit=cover"`)
)

// goappStylesheet matches go-app's own /app.css links (a preload and a
// stylesheet). It only styles go-app's loading cover, which the guide hides
// (web/app.css), and its not-found page, which the guide replaces; as a
// render-blocking stylesheet it would hold up the first paint for nothing.
var goappStylesheet = regexp.MustCompile(`<link [^>]*href="[^"]*"[^>]*>\n?`)

// fixPageHead adjusts go-app's prerendered <head> for readers, and the
// values of the page's attributes (fixAttributes).
func fixPageHead(html []byte) []byte {
	html = fixAttributes(html)
	html = bytes.Replace(html, lockedViewport, openViewport, 1)
	goappCSS := `href="` + basepath.Join("/app.css") + `"`
	return goappStylesheet.ReplaceAllFunc(html, func(tag []byte) []byte {
		if bytes.Contains(tag, []byte(goappCSS)) {
			return nil
		}
		return tag
	})
}
