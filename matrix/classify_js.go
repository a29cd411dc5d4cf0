//go:build js && wasm

package matrix

import "syscall/js"

// browserOffline reports whether the browser says it has no network at all
// (navigator.onLine is false). A true "online" proves little (a captive
// portal counts as online), but a false "offline" is reliable enough to tell
// the reader to check their connection instead of blaming the server.
func browserOffline() (offline bool) {
	defer func() {
		if recover() != nil {
			offline = false
		}
	}()
	nav := js.Global().Get("navigator")
	if nav.IsUndefined() || nav.IsNull() {
		return false
	}
	on := nav.Get("onLine")
	return on.Type() == js.TypeBoolean && !on.Bool()
}

// tlsProblemOf: the browser's fetch does TLS itself and reports its failures
// only as a bare "Failed to fetch" (see isFetchFailure).
func tlsProblemOf(error) tlsProblem { return tlsFine }
