//go:build !wasm

package main

// warmUpOnly: only the browser build is warmed up in a worker.
func warmUpOnly() bool { return false }

// warmUp: nothing to warm up outside the browser.
func warmUp() {}
