// Package ui is what every feature's views share and nothing else: the
// base path and the routes of the pages that are not chapters
// (base_path.go, route_paths.go), the language of a route and its words
// (language.go), a page's title and description (page_meta.go), the
// small go-app helpers (goapp_helpers.go: When, DisableIf, DispatchTo),
// pieces of trusted HTML (raw_html.go, sentence_html.go, html_escaper.go),
// dates and word lists in the reader's language (dates.go,
// word_lists.go), focus (focus.go), whether a render is the server's
// (prerendered.go) and the yield that splits long start-up work
// (yield*.go).
//
// "ui", not "common" or "util": it is the views' own toolbox, one idea a
// file. It imports go-app, app/words, app/basepath and pages, never a
// feature: app/widgets, app/shell, app/reading and app/directory import
// it, not the other way round.
package ui
