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
	fetchFn := js.Global().Get("fetch")
	if fetchFn.Type() != js.TypeFunction {
		return false
	}
	opts := js.Global().Get("Object").New()
	opts.Set("mode", "no-cors")
	opts.Set("cache", "no-store")
	opts.Set("credentials", "omit")
	opts.Set("redirect", "follow")

	_, err := await(ctx, fetchFn.Invoke(u, opts), nil)
	return err == nil
}
