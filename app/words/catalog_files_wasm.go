//go:build wasm

package words

import "embed"

// catalogFiles is English's catalog only: the app gets the catalog of
// another language's page from the page itself (Add, catalog.go).
//
//go:embed messages/en.json
var catalogFiles embed.FS
