package reading

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/pages"
)

// The chapters reach the app as JSON files the server writes (pages/
// content.go says which); these are their addresses, under the site's base
// path. The service worker keeps every one of them for offline reading.
const (
	PageDataDir    = "/pages/"
	PageIndexFile  = "index.json"
	PageSearchFile = "search.json"
)

// PageIndexID is the element every page carries the index in
// (site.PageIndexID), so the app reads it without a fetch; PageWordsID
// the one a page in another language than English carries its language's
// catalog in (site.PageWordsID), which is also PageWordsFile.
const (
	PageIndexID   = "hm-page-index"
	PageWordsID   = "hm-page-words"
	PageWordsFile = "words.json"
)

// PageDataPath is the URL path of one of those files.
func PageDataPath(name string) string { return ui.SitePath(PageDataDir + name) }

// ChapterBodyFile is the file holding the body of the chapter called slug.
func ChapterBodyFile(slug string) string { return "guide-" + slug + ".json" }

// PageDataFile is the file called name of the language with that code.
func PageDataFile(lang, name string) string { return pages.DataFile(lang, name) }

// chapterSlug is the slug in a chapter's route ("/guide/register/" too).
func chapterSlug(route string) string {
	return strings.Trim(strings.TrimPrefix(route, "/guide/"), "/")
}

// PartHTML is what a chapter's HTML part puts on the page. The chapters are
// rendered without knowing the site's base path, so the server adds it to
// their links; what the browser reads (the page itself, or the files the
// server wrote with pageDataFiles) has it already.
func PartHTML(part pages.Part) string {
	if app.IsServer {
		return ui.WithBasePath(part.HTML)
	}
	return part.HTML
}
