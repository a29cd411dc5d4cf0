//go:build wasm

package main

import (
	"syscall/js"

	"hellomatrix/pages"
)

// warmUpOnly reports whether this run is web/compile-worker.js warming the
// module up: there the program runs in a worker, which has no document, and
// main stops once the routes are registered. By then the runtime has started
// and every package is initialised, so the browser has compiled that code
// off the page's thread.
func warmUpOnly() bool { return js.Global().Get("document").IsUndefined() }

// warmUp runs, in the worker, what the page runs next and needs no
// document: decoding the chapters' index the page carries (the worker has
// it as hmWarmUpIndex), so the decoder is compiled before the page calls
// it. What it decodes stays in the worker's copy of the program.
func warmUp() {
	if index := js.Global().Get("hmWarmUpIndex"); index.Type() == js.TypeString && index.String() != "" {
		_ = pages.LoadIndex([]byte(index.String()))
	}
}
