package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func FocusElement(id string) {
	if elem := app.Window().GetElementByID(id); elem.Truthy() {
		opts := app.Window().Get("Object").New()
		opts.Set("preventScroll", true)
		elem.Call("focus", opts)
	}
}
