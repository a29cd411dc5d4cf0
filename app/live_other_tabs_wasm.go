//go:build wasm

package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// watchOtherTabs listens for the browser's "storage" event, which fires in
// every other tab of the same origin when localStorage changes (never in
// the tab that made the change). The session's key going away, or the whole
// storage being cleared (key null), means the reader logged out elsewhere.
// The listener lives as long as the page, so its Func is never released.
func watchOtherTabs(s *liveState) {
	defer func() { recover() }() // no window events (blocked storage): nothing to watch
	app.Window().Call("addEventListener", "storage", app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		key := e.Get("key")
		removed := key.IsNull() || (key.String() == sessionStorageKey && e.Get("newValue").IsNull())
		if removed {
			// Off the event callback: changing state takes a lock and
			// dispatches renders, which must not block the JS event loop.
			go s.signedOutElsewhere()
		}
		return nil
	}))
}
