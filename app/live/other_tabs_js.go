//go:build js && wasm

package live

import "syscall/js"

// watchOtherTabs listens for the browser's "storage" event, which fires in
// every other tab of the same origin when localStorage changes (never in
// the tab that made the change). The session's key going away, or the whole
// storage being cleared (key null), means the reader logged out elsewhere,
// and signedOut is called. Each model that starts adds its own listener
// (the browser starts one per visit); it lives as long as the page, so its
// Func is never released.
func watchOtherTabs(signedOut func()) {
	defer func() { recover() }() // no window events (blocked storage): nothing to watch
	js.Global().Call("addEventListener", "storage", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		key := e.Get("key")
		removed := key.IsNull() || (key.String() == sessionStorageKey && e.Get("newValue").IsNull())
		if removed {
			// Off the event callback: changing state takes a lock and
			// has the views render, which must not block the JS event loop.
			go signedOut()
		}
		return nil
	}))
}
