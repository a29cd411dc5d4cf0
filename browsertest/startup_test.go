package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// The WASM is compiled and warmed up in the worker (web/compile-worker.js),
// not on the page's thread, and the app still starts and works: the page
// marks how it was compiled, and a click in the running app navigates
// without a reload. The fallback ("page") would also start the app, which
// is why the mark is checked.
func TestWasmCompiledInAWorker(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 412, 823)
	chapters := pages.Chapters()
	var how string
	run(t, ctx, "loading a chapter",
		chromedp.Navigate(srv.URL+chapters[0].Path()),
		waitForApp(),
		chromedp.Evaluate(`document.documentElement.dataset.wasmCompile`, &how),
		chromedp.Evaluate(`window.stillTheSamePage = true`, nil),
	)
	// The warm-up stops after 3 s, which a busy machine can reach; what
	// must not happen is the page compiling or the warm-up failing.
	if how != "worker, warmed up" && how != "worker, warm-up cut short" {
		t.Errorf("app.wasm was compiled by %q, want the worker with its warm-up", how)
	}
	run(t, ctx, "following Next inside the app",
		clickSteady(`a.pager-next`),
		h1Is(chapters[1].Title, chapters[1].Path()),
		waitFor(`window.stillTheSamePage === true`),
	)
}
