package site

import (
	"bytes"

	"hellomatrix/pages"
)

// PageIndexID is the id of the <script type="application/json"> at the end
// of every page's body that holds Config.PageIndex's file, the chapters'
// index. The app reads it before its first render (package reading,
// PageIndexID) instead of fetching the file: on the way from a reader's
// first keypress to a box that takes input, that fetch, answered by the
// service worker, was the one wait that was not the app's own work
// (BENCHMARKS.md). The file stays where it was, for pages without it.
// A data block is never run, so the Content-Security-Policy, which allows
// inline scripts by their hash, has nothing to say about it. At the end of
// the body it is read after everything the reader sees, and go-app, which
// mounts over the body's first element, leaves it alone.
const PageIndexID = "hm-page-index"

// inlineIndex adds the index to a page. In JSON a "<" can only be inside a
// string, where \u003c means the same, so escaping it (json.Marshal does
// already) keeps the data from ending its element early.
//
// The index is the page's language's (PageDataFile).
func (d pageData) inlineIndex(html []byte, lang string) []byte {
	index, ok := d.files[pages.DataFile(lang, d.inline)]
	if !ok {
		return html
	}
	return inlineBlock(html, PageIndexID, index)
}

// inlineBlock puts data, JSON, at the end of the page's body in a data
// block with that id.
func inlineBlock(html []byte, id string, data []byte) []byte {
	at := bytes.LastIndex(html, []byte("</body>"))
	if at < 0 {
		return html
	}
	data = bytes.ReplaceAll(data, []byte("<"), []byte(`\u003c`))
	out := make([]byte, 0, len(html)+len(data)+64)
	out = append(out, html[:at]...)
	out = append(out, `<script type="application/json" id="`+id+`">`...)
	out = append(out, data...)
	out = append(out, "</script>\n"...)
	return append(out, html[at:]...)
}

// PageWordsID is the id of the data block a page in another language than
// English carries its language's catalog in (package words): the WASM has
// only English's built in, so it stays the same size for any number of
// languages, and reads the page's own words before its first render. The
// file is also served as words.json in the language's data folder.
const PageWordsID = "hm-page-words"

// inlineWords adds the catalog of a language other than English to a page:
// the language's file among the page data files, as the index.
func (d pageData) inlineWords(html []byte, lang string) []byte {
	catalog, ok := d.files[pages.DataFile(lang, d.words)]
	if lang == pages.English || d.words == "" || !ok {
		return html
	}
	return inlineBlock(html, PageWordsID, catalog)
}

// fixPage is what the site does to every page go-app prerendered, served
// or exported: its head for readers, its language's manifest, catalog and
// index, and the alternates in the other languages (origin "" for none).
func (s *site) fixPage(html []byte, route, origin string) []byte {
	lang := languageOfPage(route)
	html = withLanguageManifest(fixPageHead(html), lang)
	html = s.data.inlineIndex(s.data.inlineWords(html, lang), lang)
	return s.cfg.withAlternates(html, route, origin)
}
