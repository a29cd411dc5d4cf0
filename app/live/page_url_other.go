//go:build !(js && wasm)

package live

import "net/url"

// pageURL: outside the browser there is no page, so no practice server
// is looked for.
func pageURL() *url.URL { return nil }
