package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Small workarounds for go-app v9 habits that would otherwise bite in
// every widget.

// DisableIf disables b when cond holds. It never writes disabled="false",
// which HTML would read as disabled.
func DisableIf(b app.HTMLButton, cond bool) app.HTMLButton {
	if cond {
		return b.Disabled(true)
	}
	return b
}

// When builds ui only if cond holds. app.If evaluates its argument before
// looking at the condition, which breaks on parts that need a value that
// is only there when cond is true.
func When(cond bool, ui func() app.UI) app.UI {
	if !cond {
		return nil
	}
	return ui()
}

// DispatchTo runs fn on the UI goroutine and renders component c again:
// the way an answer from the network comes back to the widget that asked.
// ctx.Dispatch would not do here when ctx is an event's: it points at the
// element clicked, which may be gone by the time the answer arrives (a
// button replaced by "Checking…"), and go-app drops dispatches to elements
// no longer on the page. The component outlives its buttons.
func DispatchTo(ctx app.Context, c app.Composer, fn func()) {
	ctx.Dispatcher().Dispatch(app.Dispatch{
		Mode:     app.Update,
		Source:   c,
		Function: func(app.Context) { fn() },
	})
}
