//go:build js && wasm

package matrix

import (
	"context"
	"syscall/js"
)

// probeCORS tells "unreachable" from "reachable but no CORS" after a normal
// fetch failed. A fetch in "no-cors" mode does not need the server's
// permission: it resolves with an opaque response (nothing readable) when
// the server answered at all, and rejects when nothing did. So a success
// here while the real request failed means the server exists but does not
// allow web apps. Nothing of the answer is read, so this leaks nothing.
func probeCORS(ctx context.Context, u string) (reachable bool) {
	defer func() {
		if recover() != nil {
			reachable = false
		}
	}()
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return false
	}
	opts := js.Global().Get("Object").New()
	opts.Set("mode", "no-cors")
	opts.Set("cache", "no-store")
	opts.Set("credentials", "omit")
	opts.Set("redirect", "follow")

	done := make(chan bool, 1)
	onOK := js.FuncOf(func(this js.Value, args []js.Value) any { done <- true; return nil })
	onErr := js.FuncOf(func(this js.Value, args []js.Value) any { done <- false; return nil })
	release := func() { onOK.Release(); onErr.Release() }
	fetch.Invoke(u, opts).Call("then", onOK, onErr)
	select {
	case ok := <-done:
		release()
		return ok
	case <-ctx.Done():
		// The promise still holds the callbacks: release them only once
		// it settles, or the browser logs "call to released function".
		go func() { <-done; release() }()
		return false
	}
}
