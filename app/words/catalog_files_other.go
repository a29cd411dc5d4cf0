//go:build !wasm

package words

import "embed"

// catalogFiles is every language's catalog: the server prerenders pages in
// all of them, and the tests check them all.
//
//go:embed messages/*.json
var catalogFiles embed.FS
