package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hellomatrix/app/site"
	"hellomatrix/pages"
)

// noGo holds while Go has not started on the page: app.js sets
// hmGoStarted and marks hm-go-start when it starts the WASM, and the shell
// marks <html data-wasm="ready"> once go-app has mounted.
const noGo = `(!window.hmGoStarted && !document.documentElement.dataset.appWanted &&
	document.documentElement.dataset.wasm !== "ready" &&
	performance.getEntriesByName("hm-go-start").length === 0)`

// A reader reads a chapter, jumps with the table of contents, switches the
// theme and follows Next to the following chapter, and Go never starts:
// the links are ordinary links to prerendered pages. The WASM was still
// fetched and compiled (in the worker) for when it is wanted.
func TestReadingNeedsNoGo(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	chapters := pages.Chapters()
	first, second := chapters[0], chapters[1]
	heading := first.Headings[len(first.Headings)/2]

	run(t, ctx, "reading "+first.Slug,
		chromedp.Navigate(srv.URL+first.Path()),
		waitFor(`document.documentElement.dataset.wasmCompile !== undefined`),
		chromedp.Evaluate(`window.scrollTo(0, document.body.scrollHeight / 3)`, nil),
		chromedp.Click(`.toc a[href="#`+heading.ID+`"]`, chromedp.ByQuery),
		waitFor(`location.hash === `+jsString("#"+heading.ID)),
		// The theme switch, as a reader changes it (keyboard on the select).
		chromedp.Evaluate(`(() => { const s = document.getElementById("theme-choice"); s.value = "dark"; s.dispatchEvent(new Event("change", { bubbles: true })); })()`, nil),
		waitFor(`document.documentElement.dataset.theme === "dark" && localStorage.getItem("hello-matrix-theme") === "dark"`),
		chromedp.Sleep(time.Second), // time enough for a Go that wrongly starts
		waitFor(noGo),
		chromedp.Evaluate(`window.samePage = true`, nil),
	)
	run(t, ctx, "following Next to "+second.Slug, clickSteady(`a.pager-next`))
	// A page load: the old page's flag is gone with it.
	eventually(t, ctx, "loading "+second.Slug, `document.readyState === "complete" && window.samePage === undefined && location.pathname === `+
		jsString(second.Path())+` && document.querySelector("h1").textContent.trim() === `+jsString(second.Title), 30*time.Second)
	run(t, ctx, "reading "+second.Slug,
		waitFor(`document.documentElement.dataset.theme === "dark" && document.getElementById("theme-choice").value === "dark"`),
		chromedp.Sleep(time.Second),
		waitFor(noGo),
	)
}

// What a reader types into the landing page's box before the app runs is
// kept when go-app mounts over the page: the text, the caret and the focus,
// and typing goes on where it was. The page's copy of the chapters' index
// is taken out, so the app fetches the file instead, as it does for a page
// without one, and that fetch is held back until the typing is done, so the
// keys surely reach the prerendered field.
func TestTypingBeforeTheAppRunsIsKept(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	paused := make(chan fetch.RequestID, 4)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- e.RequestID
		}
	})
	run(t, ctx, "holding back the chapters' index",
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/pages/index.json"}}))

	field := `document.getElementById("register-username")`
	run(t, ctx, "typing into the landing page's box",
		chromedp.Navigate(srv.URL+"/"),
		waitFor(field+` && !`+field+`.disabled`),
		waitFor(noGo),
		chromedp.Evaluate(`document.getElementById("`+site.PageIndexID+`").remove()`, nil),
		chromedp.Evaluate(field+`.prerendered = true`, nil),
		chromedp.Click(`#register-username`, chromedp.ByQuery),
		chromedp.SendKeys(`#register-username`, "newcomer", chromedp.ByQuery),
		chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.KeyEvent(kb.ArrowLeft),
	)
	var id fetch.RequestID
	select {
	case id = <-paused:
	case <-time.After(60 * time.Second):
		t.Fatal("focusing the box did not start the app (it never asked for the chapters' index)")
	}
	run(t, ctx, "the app has started, not mounted",
		waitFor(`window.hmGoStarted === true && document.documentElement.dataset.wasm !== "ready"`),
		waitFor(field+`.prerendered && `+field+`.value === "newcomer"`),
	)
	run(t, ctx, "letting the index through",
		fetch.ContinueRequest(id),
		fetch.Disable(),
		waitForApp(),
		waitFor(`!`+field+`.prerendered && !`+field+`.disabled`),
		waitFor(field+`.value === "newcomer" && document.activeElement === `+field+` && `+field+`.selectionStart === 6`),
	)
	var value string
	run(t, ctx, "typing on",
		chromedp.KeyEvent("X"),
		chromedp.Evaluate(field+`.value`, &value),
	)
	if value != "newcomXer" {
		t.Errorf("after typing X in the mounted box its value is %q, want newcomXer", value)
	}
}

// The app mounting over a page the reader has scrolled down moves nothing
// and keeps the scroll position.
func TestNoLayoutShiftWhenTheAppMountsMidPage(t *testing.T) {
	srv := startServer(t)
	for _, size := range []struct{ width, height int }{{360, 780}, {1280, 900}} {
		ctx := newBrowser(t, size.width, size.height)
		run(t, ctx, "sizing the window", chromedp.EmulateViewport(int64(size.width), int64(size.height)))
		for _, path := range []string{"/", "/guide/register", "/guide/" + pages.Chapters()[0].Slug} {
			var before, after, cls float64
			run(t, ctx, "reading "+path+" half way down",
				chromedp.Navigate(srv.URL+path),
				waitFor(`document.documentElement.dataset.wasmCompile !== undefined`),
				chromedp.Evaluate(`window.scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: "instant" })`, nil),
				chromedp.Sleep(300*time.Millisecond),
				waitFor(noGo),
				chromedp.Evaluate(`window.scrollY`, &before),
				waitForApp(),
				chromedp.Sleep(500*time.Millisecond),
				chromedp.Evaluate(`window.scrollY`, &after),
				chromedp.Evaluate(cumulativeLayoutShift, &cls, awaitPromise),
			)
			t.Logf("%s at %d px: scrolled to %.0f, %.0f after the mount; layout shift %.4f", path, size.width, before, after, cls)
			if before < 100 {
				t.Errorf("%s at %d px: the page did not scroll (%.0f)", path, size.width, before)
			}
			if after < before-1 || after > before+1 {
				t.Errorf("%s at %d px: the mount moved the page from %.0f to %.0f", path, size.width, before, after)
			}
			if cls > 0.01 {
				t.Errorf("%s at %d px: layout shift %.3f when the app mounted mid-page", path, size.width, cls)
			}
		}
	}
}

// Without JavaScript every page reads: title, text and the table of
// contents are in the prerendered HTML, and the live boxes are there,
// disabled, at their final size.
func TestEveryPageWithoutJavaScript(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	run(t, ctx, "turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
	for _, c := range pages.Chapters() {
		var ok bool
		run(t, ctx, "reading "+c.Slug+" without JavaScript",
			chromedp.Navigate(srv.URL+c.Path()),
			chromedp.Evaluate(`document.querySelector("h1").textContent.trim() === `+jsString(c.Title)+
				` && document.querySelector("article.chapter").innerText.length > 500`+
				` && [...document.querySelectorAll(".live-client input")].every(i => i.disabled)`+
				` && document.documentElement.dataset.wasm === undefined`, &ok),
		)
		if !ok {
			t.Errorf("%s does not read without JavaScript", c.Path())
		}
	}
	for _, path := range []string{"/", "/servers", "/search?q=homeserver", "/about"} {
		var text string
		run(t, ctx, "reading "+path+" without JavaScript",
			chromedp.Navigate(srv.URL+path),
			chromedp.Evaluate(`document.querySelector("main").innerText`, &text),
		)
		if len(text) < 100 {
			t.Errorf("%s shows %d characters without JavaScript", path, len(text))
		}
	}
}

// A page the live client has something stored for (a session, a sign-in
// coming back, here the open room) starts the app at once, with no intent;
// the server the reader once picked alone does not.
func TestStoredLiveStateStartsTheApp(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	run(t, ctx, "a reader who only picked a server",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Evaluate(`localStorage.setItem("hellomatrix.live/server", "matrix.example")`, nil),
		chromedp.Navigate(srv.URL+"/guide/"+pages.Chapters()[0].Slug),
		waitFor(`document.documentElement.dataset.wasmCompile !== undefined`),
		chromedp.Sleep(time.Second),
		waitFor(noGo),
	)
	run(t, ctx, "a reader with a room open",
		chromedp.Evaluate(`localStorage.setItem("hellomatrix.live/room", "{}")`, nil),
		chromedp.Navigate(srv.URL+"/guide/"+pages.Chapters()[0].Slug),
		// waitForApp would give an intent: this waits without one.
		waitFor(`document.documentElement.dataset.wasm === "ready" && document.documentElement.dataset.appWanted === "stored"`),
	)
}
