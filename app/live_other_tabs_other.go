//go:build !wasm

package main

// watchOtherTabs: outside the browser there are no other tabs.
func watchOtherTabs(*liveState) {}
