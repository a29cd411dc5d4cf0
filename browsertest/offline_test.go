package browsertest

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// Once the service worker has cached the guide, every page (the chapters and
// the pages after them) reads with the server gone and the network off,
// with its checked date and its sources, and the search finds them.
func TestOfflineReadingEveryPage(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)

	var want []string
	for _, c := range pages.Chapters() {
		want = append(want, c.Path())
	}
	want = append(want, "/", "/servers", "/search", "/web/app.wasm", "/wasm_exec.js", "/app.js", "/web/app.css")

	run(t, ctx, "loading the guide online",
		chromedp.Navigate(srv.URL+"/"),
		waitForApp(),
	)
	waitForOfflineCache(t, ctx, want)

	srv.Stop()
	run(t, ctx, "going offline", network.Enable(), network.EmulateNetworkConditions(true, 0, -1, -1))

	for _, c := range pages.Chapters() {
		if len(c.Sections) == 0 {
			t.Fatalf("%s has no text sections", c.Slug)
		}
		sample := firstWords(c.Sections[len(c.Sections)-1].Text, 8)
		lastSource := c.Sources[len(c.Sources)-1]
		run(t, ctx, "reloading "+c.Slug+" offline",
			chromedp.Navigate(srv.URL+c.Path()),
			h1Is(c.Title, c.Path()),
			waitFor(`document.querySelector("main").innerText.replace(/\s+/g, " ").includes(`+jsString(sample)+`)`),
			waitForApp(),
			// Its checked date under the title and its sources at the end
			// read offline too, after the app has taken over the page.
			waitFor(`!!document.querySelector(`+jsString(`.chapter-checked time[datetime="`+c.Checked+`"]`)+`)`),
			waitFor(`[...document.querySelectorAll("#`+pages.SourcesAnchor+` ~ ul a")].some(a => a.href === `+jsString(lastSource.URL)+`)`),
		)
	}
	run(t, ctx, "searching offline",
		chromedp.Navigate(srv.URL+"/search?q=homeserver"),
		waitForApp(),
		waitFor(`document.querySelectorAll(".search-results li").length > 0`),
	)
	// The pages added after the chapters are in the offline search as well.
	for _, q := range []struct{ query, slug string }{
		{"ignore report", "staying-safe"},
		{"create a space", "spaces"},
		{"glossary", "glossary"},
	} {
		run(t, ctx, "searching offline for "+q.query,
			chromedp.Navigate(srv.URL+"/search?q="+url.QueryEscape(q.query)),
			waitForApp(),
			waitFor(`[...document.querySelectorAll(".search-results li a")].some(a => new URL(a.href).pathname.endsWith("/guide/`+q.slug+`"))`),
		)
	}
}

// waitForOfflineCache waits until the service worker is active and one of
// its caches holds every path in want, so the pages read with the network
// off.
func waitForOfflineCache(t *testing.T, ctx context.Context, want []string) {
	t.Helper()
	run(t, ctx, "waiting for the service worker to cache the guide",
		chromedp.Poll(`(async () => {
			const reg = await navigator.serviceWorker.getRegistration();
			if (!reg || !reg.active || reg.active.state !== "activated") return false;
			const want = `+mustJSON(want)+`;
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				const have = (await cache.keys()).map(r => new URL(r.url).pathname);
				if (want.every(p => have.includes(p))) return true;
			}
			return false;
		})()`, nil, chromedp.WithPollingInterval(250*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second)),
	)
}
