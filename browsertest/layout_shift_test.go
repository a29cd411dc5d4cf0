package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"

	"github.com/chromedp/chromedp"
)

// cumulativeLayoutShift adds up the page's layout-shift entries so far
// (Chrome's CLS, without the windowing).
const cumulativeLayoutShift = `new Promise(resolve => {
	let total = 0;
	new PerformanceObserver(list => {
		for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
	}).observe({ type: "layout-shift", buffered: true });
	setTimeout(() => resolve(total), 200);
})`

// The prerendered page and the one the app renders are the same, so the
// text does not jump when app.wasm takes over, on a phone or a desktop. The
// phone runs once more on a CPU slowed six times, as on a cheap phone (or a
// loaded test machine): the page is then painted while it is still being
// parsed, which once let a late scrollbar wrap the header and move the
// page by 0.09.
func TestNoLayoutShiftWhenTheAppStarts(t *testing.T) {
	srv := startServer(t)
	for _, size := range []struct {
		width, height int
		slowdown      float64
	}{{360, 780, 1}, {1280, 900, 1}, {360, 780, 6}} {
		ctx := newBrowser(t, size.width, size.height)
		run(t, ctx, "sizing the window", chromedp.EmulateViewport(int64(size.width), int64(size.height)), emulation.SetCPUThrottlingRate(size.slowdown))
		for _, path := range []string{"/", "/guide/register", "/servers", "/search?q=homeserver"} {
			var cls float64
			run(t, ctx, "loading "+path,
				chromedp.Navigate(srv.URL+path),
				waitForApp(),
				chromedp.Sleep(500*time.Millisecond),
				chromedp.Evaluate(cumulativeLayoutShift, &cls, awaitPromise),
			)
			t.Logf("%s at %d px (CPU ×%g): layout shift %.4f", path, size.width, size.slowdown, cls)
			if cls > 0.01 {
				t.Errorf("%s at %d px (CPU ×%g): layout shift %.3f while the app started", path, size.width, size.slowdown, cls)
			}
		}
	}
}
