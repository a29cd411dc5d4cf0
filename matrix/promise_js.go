//go:build js && wasm

package matrix

import (
	"context"
	"errors"
	"syscall/js"
)

// await waits for a JavaScript promise to settle and returns its value, or
// its rejection as an error. When ctx ends first, abort (if not nil) is
// called so the browser stops the work, and ctx's error is returned.
// Must not be called from a JavaScript callback: it blocks.
func await(ctx context.Context, promise js.Value, abort func()) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	done := make(chan settled, 1)
	onOK := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- settled{v: arg0(args)}
		return nil
	})
	onErr := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- settled{err: jsError(arg0(args))}
		return nil
	})
	release := func() { onOK.Release(); onErr.Release() }
	promise.Call("then", onOK, onErr)
	select {
	case s := <-done:
		release()
		return s.v, s.err
	case <-ctx.Done():
		if abort != nil {
			abort()
		}
		// The promise still holds the callbacks: release them only once
		// it settles, or the browser logs "call to released function".
		go func() { <-done; release() }()
		return js.Undefined(), ctx.Err()
	}
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// jsError turns a rejection reason into an error with the browser's words
// ("TypeError: Failed to fetch"), which classify recognises.
func jsError(reason js.Value) error {
	if reason.Type() == js.TypeObject {
		name, msg := reason.Get("name"), reason.Get("message")
		if msg.Type() == js.TypeString {
			if name.Type() == js.TypeString {
				return errors.New(name.String() + ": " + msg.String())
			}
			return errors.New(msg.String())
		}
	}
	return errors.New(reason.Call("toString").String())
}
