// Package pages holds the guide's content as the app uses it, on both sides:
// the server that prerenders every page, and the WASM the browser runs.
//
//   - The chapters: written as Markdown in chapters/, rendered ahead of time
//     into chapters.gen.go (Chapters, BySlug, Neighbours), and the offline
//     search over their text (Search). chapters.gen.go is built into the
//     server only: the WASM loads the same chapters from JSON files the
//     server writes (content.go), so a new page leaves app.wasm as it is.
//   - The homeserver directory: directory.json, a dated snapshot of a public
//     list, turned into directory.gen.go (Servers), and its filters
//     (FilterServers and the directory_* files); the same list as it is
//     kept today is read, entry by entry and checked, by ParseServerFeed
//     (directory_feed.go), which the app calls when the reader is online.
//   - The names of the live-client widgets a chapter can embed (Widgets).
//
// The .gen.go files are written by `go generate ./pages` (the command in
// gen/, which uses pages/render). Rendering needs goldmark, which would only
// add weight to the WASM, so it lives in that separate package that only the
// generator imports; this package has no build tags and no Markdown code.
package pages
