//go:build js && wasm

package live

import "syscall/js"

// replaceAddress changes what the address bar shows without loading
// anything or adding a history entry.
func replaceAddress(u string) {
	defer func() { recover() }()
	h := js.Global().Get("history")
	h.Call("replaceState", h.Get("state"), "", u)
}
