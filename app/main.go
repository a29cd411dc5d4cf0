// Command app is Hello Matrix: a beginner's guide to Matrix, built as a go-app
// Progressive Web App.
//
// The same package is compiled twice. Built for js/wasm it is the app.wasm the
// browser runs; built natively it hands the command line to package site
// (command_line.go), the server and static-site exporter, which prerenders
// every page with the same components so the guide reads instantly without
// JavaScript.
//
// It is the composition root: the routes (routes.go) and start-up. The
// components live in packages by feature: the page shell (app/shell), the
// pages that are read (app/reading), the server directory (app/directory),
// the live client's widgets (app/widgets), and the view helpers they share
// (app/ui).
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/reading"
	"hellomatrix/app/ui"
)

func main() {
	markStep("hm-go-main") // start_marks_wasm.go
	if app.IsClient {
		ui.UseBasePath(app.Getenv("GOAPP_ROOT_PREFIX"))
	}
	registerRoutes()
	if warmUpOnly() {
		warmUp() // see web/compile-worker.js
		return
	}
	if !reading.LoadStartingPage() {
		return // the prerendered page reads fine as it is
	}
	ui.YieldToBrowser() // start-up so far, then the first render, as two tasks

	// In the browser this call never returns; on the server it is a no-op.
	markStep("hm-go-mount")
	app.RunWhenOnBrowser()

	runCommandLine()
}
