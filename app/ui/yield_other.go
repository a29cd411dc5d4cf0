//go:build !wasm

package ui

// YieldToBrowser: the server has no browser to yield to.
func YieldToBrowser() {}
