//go:build wasm

package main

import (
	"syscall/js"
)

// markStep adds a performance mark, so the steps from Go's start to the
// first render can be told apart on the page's own clock: app.js marks
// hm-go-start when it starts Go, main marks hm-go-main (the runtime and
// every package's initialisation done) and hm-go-mount (what the first
// render needs is loaded; go-app's mount begins), and the page marks
// <html data-wasm="ready"> once mounted. make bench reports them
// (internal/bench/intent.go).
func markStep(name string) {
	if p := js.Global().Get("performance"); p.Truthy() {
		p.Call("mark", name)
	}
}
