//go:build wasm

package main

// runCommandLine is the server's entry point; the browser build has none.
func runCommandLine() {}
