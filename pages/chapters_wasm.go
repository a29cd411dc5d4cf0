//go:build wasm

package pages

// In the browser the chapters are not compiled in (chapters.gen.go is built
// for the server only): the app loads their index, each one's body and the
// search text over HTTP (content.go), so adding a page leaves app.wasm as
// it is.
var generatedChapters []Chapter
