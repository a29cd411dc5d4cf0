package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// serviceWorkerReady waits until the page's service worker is active.
func serviceWorkerReady() chromedp.Action {
	return chromedp.Poll(`(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return !!(reg && reg.active && reg.active.state === "activated");
	})()`, nil, chromedp.WithPollingInterval(250*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))
}

// When a new version is deployed, an open tab says so and reloads into it
// when the reader asks. On the way, the browser offers to install the app,
// and the Install button appears.
func TestNewVersionNotice(t *testing.T) {
	first := startServer(t, "-version", "test-one")
	ctx := newBrowser(t, 1280, 900)
	chapter := pages.Chapters()[1]

	run(t, ctx, "loading a chapter",
		chromedp.Navigate(first.URL+chapter.Path()),
		waitForApp(),
		serviceWorkerReady(),
		// From now on the service worker controls the page.
		chromedp.Reload(),
		waitForApp(),
		waitFor(`navigator.serviceWorker.controller !== null`),
	)
	run(t, ctx, "seeing the Install button once the browser offers installation",
		chromedp.Poll(`document.querySelector(".install-button") !== null`, nil,
			chromedp.WithPollingInterval(250*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second)),
	)
	var notices int
	run(t, ctx, "no notice yet", chromedp.Evaluate(`document.querySelectorAll(".update-notice").length`, &notices))
	if notices != 0 {
		t.Fatal("an update notice shows before any update")
	}

	// Deploy a new version on the same address.
	first.Stop()
	second := startServerAt(t, strings.TrimPrefix(first.URL, "http://"), "-version", "test-two")

	run(t, ctx, "noticing the new version",
		chromedp.Evaluate(`window.beforeTheUpdate = true`, nil),
		chromedp.Evaluate(`navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`, nil, awaitPromise),
		chromedp.Poll(`(() => { const n = document.querySelector(".update-notice"); return n && n.innerText.includes("A new version is available"); })()`, nil,
			chromedp.WithPollingInterval(250*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second)),
	)
	run(t, ctx, "reloading into it", chromedp.Click(`.update-notice button`, chromedp.ByQuery))
	eventually(t, ctx, "reloading into it", `window.beforeTheUpdate === undefined && document.readyState === "complete"`, 30*time.Second)
	run(t, ctx, "reading the new version",
		waitForApp(),
		h1Is(chapter.Title, chapter.Path()),
		chromedp.Poll(`caches.keys().then(keys => keys.includes("app-test-two") && !keys.includes("app-test-one"))`, nil,
			chromedp.WithPollingInterval(250*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)),
	)
	_ = second
}
