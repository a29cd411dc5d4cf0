//go:build !(js && wasm)

package live

// watchOtherTabs: outside the browser there are no other tabs.
func watchOtherTabs(signedOut func()) {}
