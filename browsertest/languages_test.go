package browsertest

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// languageRoutes is every page of the guide in the language with that code.
func languageRoutes(l pages.Language) []string {
	routes := []string{l.Localize("/")}
	for _, c := range pages.ChaptersIn(l.Code) {
		routes = append(routes, c.Path())
	}
	return append(routes, l.Localize("/servers"), l.Localize("/search"), l.Localize("/about"), l.Localize("/no-such-page"))
}

// TestNoPageOverflowsInAnyLanguage: at 360 px, no page of any language is
// wider than the screen: German's long compounds must break, Japanese
// must wrap without spaces.
func TestNoPageOverflowsInAnyLanguage(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 360, 780)
	for _, l := range pages.Languages {
		for _, route := range languageRoutes(l) {
			var overflow []string
			run(t, ctx, "loading "+route+" at 360 px",
				chromedp.EmulateViewport(360, 780),
				chromedp.Navigate(srv.URL+route),
				waitFor(`document.documentElement.lang === `+jsString(l.Code)),
				chromedp.Evaluate(tooWide, &overflow),
			)
			if len(overflow) != 0 {
				t.Errorf("%s at 360 px: the page is wider than the screen; these stick out: %v", route, overflow)
			}
		}
	}
}

// TestSearchInEveryLanguage: each language's search finds that language's
// chapters by one of its own words, and links to them in that language;
// in Japanese, a word in the middle of a sentence with no spaces.
func TestSearchInEveryLanguage(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	for _, q := range []struct{ lang, word string }{
		{"en", "encryption"},
		{"de", "Verschlüsselung"},
		{"fr", "chiffrement"},
		{"es", "cifrado"},
		{"ja", "暗号化"},
	} {
		l, _ := pages.LanguageByCode(q.lang)
		var titles []string
		for _, c := range pages.ChaptersIn(l.Code) {
			titles = append(titles, c.Title)
		}
		prefix := l.Localize("/guide/")
		if l.Code == pages.English {
			prefix = "/guide/"
		}
		run(t, ctx, "searching "+q.lang+" for "+q.word,
			chromedp.Navigate(srv.URL+l.Localize("/search")+"?q="+url.QueryEscape(q.word)),
			waitForApp(),
			waitFor(`document.querySelectorAll(".search-results li a").length > 1`),
			waitFor(`[...document.querySelectorAll(".search-results li a")].every(a => new URL(a.href).pathname.startsWith(`+jsString(prefix)+`))`),
			waitFor(`(() => { const titles = `+mustJSON(titles)+`; return [...document.querySelectorAll(".search-results li")].some(li => titles.some(t => li.textContent.includes(t))); })()`),
		)
	}
	// Japanese has no spaces: a word found inside a sentence.
	ja := pages.ChaptersIn("ja")[0]
	inner := []rune(ja.Sections[1].Text)
	word := string(inner[10:14])
	if strings.ContainsAny(word, " 、。") {
		word = string(inner[20:23])
	}
	run(t, ctx, "searching Japanese for "+word,
		chromedp.Navigate(srv.URL+"/ja/search?q="+url.QueryEscape(word)),
		waitForApp(),
		waitFor(`[...document.querySelectorAll(".search-results li a")].some(a => new URL(a.href).pathname.startsWith("/ja/guide/`+ja.Slug+`"))`),
	)
}

// TestReadingStaysInItsLanguage: going to the next chapter inside the app
// from a German chapter shows the German one, at its German address.
func TestReadingStaysInItsLanguage(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	chs := pages.ChaptersIn("de")
	run(t, ctx, "reading on in German",
		chromedp.Navigate(srv.URL+chs[1].Path()),
		waitForApp(),
		h1Is(chs[1].Title, chs[1].Path()),
		clickSteady(`a[rel="next"]`),
		h1Is(chs[2].Title, chs[2].Path()),
		waitFor(`location.pathname === `+jsString(chs[2].Path())+` && document.documentElement.lang === "de"`),
	)
}

// TestOfflineReadingOfAVisitedLanguage: the service worker keeps every page
// of a language once the reader has opened one of them, and only then:
// with the server gone and the network off, every German chapter reads,
// and French, never visited, was not downloaded.
func TestOfflineReadingOfAVisitedLanguage(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	de := languageRoutes(pages.Languages[1])
	de = de[:len(de)-1] // not the missing page
	run(t, ctx, "opening a German chapter online",
		chromedp.Navigate(srv.URL+"/de"),
		waitForApp(),
	)
	waitForOfflineCache(t, ctx, append(de, "/web/app.wasm"))
	var french bool
	run(t, ctx, "looking for French in the cache",
		chromedp.Evaluate(`(async () => {
			for (const name of await caches.keys()) {
				const keys = await (await caches.open(name)).keys();
				if (keys.some(r => new URL(r.url).pathname.startsWith("/fr"))) return true;
			}
			return false;
		})()`, &french, awaitPromise),
	)
	if french {
		t.Error("the worker downloaded French, which the reader never opened")
	}
	srv.Stop()
	run(t, ctx, "going offline", network.Enable(), network.EmulateNetworkConditions(true, 0, -1, -1))
	for _, c := range pages.ChaptersIn("de") {
		run(t, ctx, "reloading "+c.Path()+" offline",
			chromedp.Navigate(srv.URL+c.Path()),
			h1Is(c.Title, c.Path()),
			waitFor(`document.documentElement.lang === "de"`),
		)
	}
}
