// Package render turns the guide's sources into the data package pages is
// built from: each chapters/NN-slug.md into a pages.Chapter (goldmark, with
// the live-client markers, heading anchors, link checks and plain text for
// the search), and both the chapters and directory.json into the Go source
// of chapters.gen.go and directory.gen.go.
//
// It runs at build time only, on the developer's machine: the one importer
// is the generator, pages/gen (`go generate ./pages`), and its tests. Neither
// the server nor the WASM imports it, which keeps goldmark out of app.wasm.
package render
