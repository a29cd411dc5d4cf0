package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Prerendered is true when a component renders into the page the server
// sends and false in the running app. There the live widgets' controls are
// disabled (nothing would handle them; app.js enables the text fields for
// typing before Go runs) and what depends on the reader's session is left
// out. In the app a widget's first render is already the working one:
// go-app attaches its handlers as it mounts it. Enabling the controls from
// OnMount instead, as before, made the reader wait for a second render of
// every widget before the box took input (BENCHMARKS.md).
const Prerendered = app.IsServer
