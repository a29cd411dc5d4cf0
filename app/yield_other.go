//go:build !wasm

package main

// yieldToBrowser: the server has no browser to yield to.
func yieldToBrowser() {}
