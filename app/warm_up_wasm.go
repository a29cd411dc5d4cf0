//go:build wasm

package main

import "syscall/js"

// warmUpOnly reports whether this run is web/compile-worker.js warming the
// module up: there the program runs in a worker, which has no document, and
// main stops once the routes are registered. By then the runtime has started
// and every package is initialised, so the browser has compiled that code
// off the page's thread.
func warmUpOnly() bool { return js.Global().Get("document").IsUndefined() }
