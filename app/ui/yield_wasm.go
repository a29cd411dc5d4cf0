//go:build wasm

package ui

import (
	"syscall/js"
)

// YieldToBrowser ends the current browser task and resumes in a new one.
// Go's runtime runs until every goroutine waits, so without a pause the
// runtime start, package initialisation and the first render would be one
// long task during which the page cannot react to the reader (Lighthouse's
// "total blocking time" counts every millisecond of a task past 50). The
// wait is on the browser, not on time.Sleep: a sleep that is already over
// when the scheduler looks (under a slow CPU it is) gives no pause at all.
// scheduler.yield() resumes ahead of other queued work; setTimeout is the
// fallback where it is missing.
func YieldToBrowser() {
	resumed := make(chan struct{})
	cb := js.FuncOf(func(js.Value, []js.Value) any {
		close(resumed)
		return nil
	})
	if s := js.Global().Get("scheduler"); s.Truthy() && s.Get("yield").Type() == js.TypeFunction {
		s.Call("yield").Call("then", cb)
	} else {
		js.Global().Call("setTimeout", cb, 0)
	}
	<-resumed
	cb.Release()
}
