//go:build !wasm

package pages

import "embed"

// Sources holds the Markdown chapters. Only the generator and the tests read
// it: the WASM gets the prerendered chapters.gen.go instead, which is why
// this file is excluded from wasm builds.
//
//go:embed chapters/*.md
var Sources embed.FS
