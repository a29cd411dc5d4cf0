package site

import (
	"bytes"
	"regexp"

	"hellomatrix/pages"
)

// PageIndexID is the id of the <script type="application/json"> at the end
// of every page's body that holds Config.PageIndex's file, the chapters'
// index. The app reads it before its first render (package main,
// pageIndexID) instead of fetching the file: on the way from a reader's
// first keypress to a box that takes input, that fetch, answered by the
// service worker, was the one wait that was not the app's own work
// (BENCHMARKS.md). The file stays where it was, for pages without it.
// A data block is never run, so the Content-Security-Policy, which allows
// inline scripts by their hash, has nothing to say about it. At the end of
// the body it is read after everything the reader sees, and go-app, which
// mounts over the body's first element, leaves it alone.
const PageIndexID = "hm-page-index"

// inlineIndex adds the index of the page's language to a page. In JSON a
// "<" can only be inside a string, where \u003c means the same, so escaping
// it (json.Marshal does already) keeps the data from ending its element
// early.
func (d pageData) inlineIndex(html []byte) []byte {
	index, ok := d.files[d.indexFor(html)]
	at := bytes.LastIndex(html, []byte("</body>"))
	if !ok || at < 0 {
		return html
	}
	index = bytes.ReplaceAll(index, []byte("<"), []byte(`\u003c`))
	out := make([]byte, 0, len(html)+len(index)+64)
	out = append(out, html[:at]...)
	out = append(out, `<script type="application/json" id="`+PageIndexID+`">`...)
	out = append(out, index...)
	out = append(out, "</script>\n"...)
	return append(out, html[at:]...)
}

// indexFor names the index of the page's language, which its <html lang>
// says: another language's files are in a folder named by its code
// ("de/index.json", package main's pageDataFile).
func (d pageData) indexFor(html []byte) string {
	if m := htmlLang.FindSubmatch(html); m != nil && string(m[1]) != pages.English {
		return string(m[1]) + "/" + d.inline
	}
	return d.inline
}

var htmlLang = regexp.MustCompile(`<html[^>]*\slang="([^"]+)"`)
