package browsertest

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// The strict Content Security Policy the server sends breaks nothing: every
// page, the 404 included, loads and runs the app, and the live client
// reaches the practice homeserver, without a single violation reported.
func TestCSPNoViolations(t *testing.T) {
	p := startPractice(t)
	ctx := newBrowser(t, 1280, 900)
	watch := watchBrowser(t, ctx)

	paths := []string{"/"}
	for _, c := range pages.Chapters() {
		paths = append(paths, c.Path())
	}
	paths = append(paths, "/servers", "/search?q="+url.QueryEscape("matrix"), "/no-such-page")
	for _, path := range paths {
		run(t, ctx, "opening "+path,
			chromedp.Navigate(p.Site.URL+path),
			waitForApp(),
			// A moment for anything the app does after mounting.
			chromedp.Sleep(300*time.Millisecond))
		watch.collect(ctx, path)
	}

	// The live client: the picker checks the practice server over HTTP.
	pickerPath, _ := chapterPath(t, pages.WidgetServerPicker)
	run(t, ctx, "opening the server picker",
		chromedp.Navigate(p.Site.URL+pickerPath),
		waitForApp(),
		waitFor(`(() => { const v = document.querySelector("#picker-verdict"); return !!v && v.textContent.includes("You can create an account right here."); })()`))
	watch.collect(ctx, pickerPath)

	n, all := watch.violations()
	fmt.Printf("csp_violations: %d\n", n)
	t.Logf("csp_violations: %d over %d pages and the live picker", n, len(paths))
	for _, v := range all {
		t.Errorf("CSP violation: %s", v)
	}

	// A control: an inline script added now must be blocked and reported,
	// or the zero above means nothing.
	var ran bool
	run(t, ctx, "adding an inline script",
		chromedp.Evaluate(`(() => { const s = document.createElement("script"); s.textContent = "window.__inlineRan = true"; document.body.append(s); })()`, nil),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`window.__inlineRan === true`, &ran))
	watch.collect(ctx, "control")
	if after, _ := watch.violations(); ran || after == n {
		t.Errorf("an injected inline script ran (%v) or went unreported (%d violations before, %d after)", ran, n, after)
	}
}
