package site

import (
	"bytes"
	"html"
	"net/http"
	"strings"

	"hellomatrix/app/basepath"
	"hellomatrix/pages"
)

// Every page is in one language, named by its route (pages.LanguageOf):
// the page itself sets <html lang> (go-app's Page.SetLang, from its
// OnPreRender), and the server adds what only it knows: the alternates,
// which need the site's origin, and the chapters' index of that language
// (page_index.go).

// languageOfPage is the code of the language of the page at route.
func languageOfPage(route string) string {
	lang, _ := pages.LanguageOf(route)
	return lang
}

// withAlternates adds a <link rel="alternate" hreflang> for the same page
// in each language, and x-default for English, so search engines send a
// reader to their own language's copy. They must be absolute addresses, so
// a page with no known origin (a static export without -origin) gets none,
// and so does an address that is not a page of the guide.
func (c Config) withAlternates(page []byte, route, origin string) []byte {
	at := bytes.Index(page, []byte("</head>"))
	if origin == "" || at < 0 || !c.isPageRoute(route) {
		return page
	}
	_, rest := pages.LanguageOf(route)
	origin = strings.TrimSuffix(origin, "/")
	var links strings.Builder
	link := func(hreflang, code string) {
		href := origin + basepath.Join(pages.Localize(code, rest))
		links.WriteString(`<link rel="alternate" hreflang="` + hreflang + `" href="` + html.EscapeString(href) + `">` + "\n")
	}
	for _, l := range pages.Languages {
		link(l.Code, l.Code)
	}
	link("x-default", pages.English)
	out := make([]byte, 0, len(page)+links.Len())
	out = append(out, page[:at]...)
	out = append(out, links.String()...)
	return append(out, page[at:]...)
}

// requestOrigin is the origin the reader asked for the page at, for the
// alternates. A proxy in front that ends TLS says so in X-Forwarded-Proto.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
