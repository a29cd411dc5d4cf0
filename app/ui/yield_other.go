//go:build !wasm

package ui

// yieldToBrowser: the server has no browser to yield to.
func YieldToBrowser() {}
