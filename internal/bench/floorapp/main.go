// Command floorapp is the yardstick for make bench's interactive ratios: the
// smallest go-app v9 program, one component, that starts the way Hello
// Matrix does and gives the same "interactive" signal, so dividing the app's
// start-up time by this one's leaves out what any go-app WASM costs on the
// machine at hand (download, compile, the Go runtime, go-app's engine) and
// keeps what Hello Matrix adds to it.
//
// It runs in the browser only. internal/bench builds it for js/wasm with the
// app's flags and serves it as app.wasm through the app's own server, with
// the same headers, page and app.js (see floor.go there); it is never part
// of the site. Like the app it stops in main when it finds no document, so
// web/compile-worker.js warms it up the same way, and like the app it marks
// <html data-wasm="ready"> on its first mount, which is what the bench
// times.
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// floor is the one component. It takes whatever route the page is on: the
// bench loads the same chapter URL for both programs.
type floor struct{ app.Compo }

func (*floor) Render() app.UI {
	return app.Main().Body(app.H1().Text("Floor"))
}

// OnMount gives the signal the app gives in its page component's OnMount.
func (*floor) OnMount(app.Context) {
	app.Window().Get("document").Get("documentElement").
		Call("setAttribute", "data-wasm", "ready")
}

func main() {
	app.RouteWithRegexp("^/.*", &floor{})
	if app.IsClient && app.Window().Get("document").IsUndefined() {
		return // the compile worker's warm-up run
	}
	app.RunWhenOnBrowser()
}
