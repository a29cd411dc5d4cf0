//go:build !wasm

package main

// openLiveStorage: the native build (server, prerenderer, tests) never signs
// anyone in, so memory is all it needs.
func openLiveStorage() liveStorage { return memoryStorage("") }

// clearLocalData has nothing to clear outside the browser.
func clearLocalData() {}
