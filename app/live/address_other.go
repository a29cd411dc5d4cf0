//go:build !(js && wasm)

package live

// replaceAddress: outside the browser there is no address bar.
func replaceAddress(string) {}
