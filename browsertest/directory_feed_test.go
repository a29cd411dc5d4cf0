package browsertest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hellomatrix/internal/serversfeed"
	"hellomatrix/pages"
)

// feedServer serves the directory's live list on loopback, in the
// community feed's shape, with whatever body the test sets. A held feed
// answers only when the test releases it: a slow feed without a timer.
type feedServer struct {
	*httptest.Server
	mu   sync.Mutex
	body []byte
	hold chan []byte // non-nil: the next request waits for its body here
}

func startFeed(t *testing.T, body []byte) *feedServer {
	t.Helper()
	f := &feedServer{body: body}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		body, hold := f.body, f.hold
		f.hold = nil
		f.mu.Unlock()
		if hold != nil {
			select {
			case body = <-hold:
			case <-r.Context().Done():
				return
			}
		}
		// The page is on another origin; the real feed is read cross-origin
		// too. no-store: each reload asks again, as each case needs.
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *feedServer) URL() string { return f.Server.URL + "/servers.json" }

func (f *feedServer) set(body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.body = body
}

// holdNext makes the next request wait; send its body on the channel.
func (f *feedServer) holdNext() chan<- []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hold = make(chan []byte, 1)
	return f.hold
}

// captionHas waits until the sentence above the table contains every part.
func captionHas(parts ...string) chromedp.Action {
	return waitFor(`(() => { const c = document.getElementById("server-table-caption"); const s = c ? c.textContent.replace(/\s+/g, " ") : "";
		return ` + mustJSON(parts) + `.every(p => s.includes(p)); })()`)
}

// expectCaption waits for captionHas and, failing, says what the caption
// said instead.
func expectCaption(t *testing.T, ctx context.Context, what string, parts ...string) {
	t.Helper()
	if err := chromedp.Run(ctx, captionHas(parts...)); err != nil {
		var now string
		chromedp.Run(ctx, chromedp.Evaluate(`(document.getElementById("server-table-caption") || {}).textContent`, &now))
		t.Fatalf("%s: the caption should say %q; it says %q (%v)", what, parts, now, err)
	}
}

// inPageFigureIs waits until the open_servers_signup_in_page sentence
// counts these servers (pages.SignupInPage), the list the table shows.
func inPageFigureIs(servers []pages.Server) chromedp.Action {
	inPage, open := pages.SignupInPage(servers)
	want := "Of the " + itoa(open) + " servers in this list that take new users, " + itoa(inPage) + " can be joined right here in the guide."
	return waitFor(`document.querySelector(".directory-in-page").textContent === ` + jsString(want))
}

// liveRows are the rows a feed should give: its usable entries, by name.
func liveRows(t *testing.T, doc []byte) []pages.Server {
	t.Helper()
	res, err := pages.ParseServerFeed(doc)
	if err != nil {
		t.Fatal(err)
	}
	return pages.FilterServers(res.Servers, pages.ServerFilter{SortBy: pages.SortByName})
}

var snapshotRows = pages.FilterServers(pages.Servers(), pages.ServerFilter{SortBy: pages.SortByName})

// With nothing saved in the browser, a feed that cannot be read leaves the
// dated snapshot on show, and the page says why in plain words.
func TestDirectoryFeedNothingSaved(t *testing.T) {
	// A port that was just free and is closed again: nothing answers.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/servers.json"
	l.Close()
	malformed := startFeed(t, []byte(`{"public_servers": [{"name": "cut.off", "client_dom`))

	ctx := newBrowser(t, 1280, 900)
	for _, c := range []struct{ name, feed, reason string }{
		{"unreachable", closed, "its website did not answer (it may be down, or your network blocks it)"},
		{"malformed", malformed.URL(), "it is not a valid list (its JSON is broken)"},
	} {
		// Each site is its own origin, so nothing is saved for it yet.
		srv := startServer(t, "-servers-feed", c.feed)
		run(t, ctx, "opening the directory with an "+c.name+" feed",
			chromedp.Navigate(srv.URL+"/servers"),
			waitForApp(),
			captionHas("Snapshot from 22 December 2023 (", "— the live list could not be read: "+c.reason+"."),
			rowsAre(snapshotRows),
			inPageFigureIs(snapshotRows),
		)
	}
}

// The live list replaces the snapshot and is kept; every later feed that
// cannot be used (empty, partial, of the wrong types, broken, slow, or
// unreachable because the reader is offline) leaves the last good list on
// show and says so. Hostile fields never become markup or links.
func TestDirectoryFeedKeepsTheLastGoodList(t *testing.T) {
	good := serversfeed.Good("-live")
	hostile := []any{
		map[string]any{"name": `<img src=x onerror="window.__pwned=true">`, "client_domain": "img.example", "reg_method": "SSO", "software": "Synapse"},
		map[string]any{"name": `<b>bold.example</b>`, "client_domain": "bold.example", "reg_method": "In-house Element", "software": "Synapse"},
		map[string]any{"name": "js.example", "client_domain": "js.example", "website": "javascript:window.__pwned=true", "software": "Synapse"},
		map[string]any{"name": "plain.example", "client_domain": "plain.example", "reg_link": "http://plain.example/signup", "software": "Synapse"},
		map[string]any{"name": 7, "client_domain": "number.example"},
		map[string]any{"name": "flag.example", "client_domain": "flag.example", "captcha": "sometimes"},
		"not even an object",
	}
	firstDoc := serversfeed.Document(append(append([]any{}, good...), hostile...)...)
	firstRows := liveRows(t, firstDoc)
	if len(firstRows) != len(good)+2 {
		t.Fatalf("the feed should keep its %d good entries and the 2 with markup in their names, keeps %d", len(good), len(firstRows))
	}
	feed := startFeed(t, firstDoc)
	srv := startServer(t, "-servers-feed", feed.URL())
	ctx := newBrowser(t, 1280, 900)
	watch := watchBrowser(t, ctx)
	host := strings.TrimPrefix(feed.Server.URL, "http://")

	run(t, ctx, "opening the directory online",
		chromedp.Navigate(srv.URL+"/servers"),
		waitForApp(),
		chromedp.Evaluate(`window.__pwned = false`, nil),
		captionHas("Live list from "+host+", fetched just now."),
		rowsAre(firstRows),
		waitFor(`document.querySelector(".directory-count").textContent.includes(`+jsString(itoa(len(firstRows)))+`)`),
		inPageFigureIs(firstRows),
	)
	var harm struct {
		Pwned    bool     `json:"pwned"`
		Elements []string `json:"elements"`
		Links    []string `json:"links"`
	}
	run(t, ctx, "looking for harm from the feed", chromedp.Evaluate(`(() => {
		const table = document.querySelector(".server-table");
		return {
			pwned: window.__pwned !== false,
			elements: [...table.querySelectorAll("img, b, script, iframe, svg")].map(e => e.outerHTML.slice(0, 80)),
			links: [...table.querySelectorAll("a[href]")].map(a => a.getAttribute("href")).filter(h => !h.startsWith("https://")),
		};
	})()`, &harm))
	if harm.Pwned || len(harm.Elements) != 0 || len(harm.Links) != 0 {
		t.Errorf("the feed's fields became markup or unsafe links: pwned %v, elements %v, links %v", harm.Pwned, harm.Elements, harm.Links)
	}

	partial := serversfeed.Document(good[:5]...)
	wrongTypes := serversfeed.Document(repeatEntry(map[string]any{"name": 12, "client_domain": true}, 60)...)
	for _, c := range []struct {
		name   string
		body   []byte
		reason string
	}{
		{"an empty list", serversfeed.Document(), "it lists no servers at all"},
		{"a partial list", partial, "only 5 of its 5 entries could be used, too few to trust"},
		{"entries of the wrong types", wrongTypes, "only 0 of its 60 entries could be used, too few to trust"},
		{"broken JSON", []byte(`{"public_servers": [`), "it is not a valid list (its JSON is broken)"},
		{"no list at all", []byte(`{"servers": "soon"}`), "it has no list of servers in it"},
	} {
		feed.set(c.body)
		run(t, ctx, "reloading with "+c.name, chromedp.Reload(), waitForApp())
		run(t, ctx, "after reloading with "+c.name+", the caption",
			captionHas("Saved list from ", " — the live list could not be read just now: "+c.reason+"."),
			rowsAre(firstRows),
		)
	}

	// Slow: the saved list shows at once, and the new one replaces it when
	// it comes, without the page jumping.
	secondDoc := serversfeed.Document(serversfeed.Good("-new")...)
	slowFeedSwap(t, ctx, feed, firstRows, secondDoc)
	// Reading feeds from another origin stays within the page's policy.
	watch.collect(ctx, "/servers")
	if n, all := watch.violations(); n != 0 {
		t.Errorf("%d CSP violations while reading the feeds: %v", n, all)
	}

	// Offline: the guide comes from the service worker, the list from
	// storage, with its age and the reason it was not refreshed.
	waitForOfflineCache(t, ctx, []string{"/servers"})
	// Both servers go away: Chromium's offline emulation covers the tab but
	// not its service worker, which would still reach loopback.
	srv.Stop()
	feed.Close()
	run(t, ctx, "going offline", network.Enable(), network.EmulateNetworkConditions(true, 0, -1, -1))
	run(t, ctx, "reloading the directory offline", chromedp.Navigate(srv.URL+"/servers"), waitForApp())
	expectCaption(t, ctx, "offline", "Saved list from ", "— the live list could not be read just now: you are offline.")
	run(t, ctx, "the saved rows offline", rowsAre(liveRows(t, secondDoc)))
}

// slowFeedSwap reloads the directory while the feed holds its answer: the
// saved rows (saved) show at once, then newDoc's replace them when the
// feed answers, and neither change moves the page by more than the
// layout-shift budget TestNoLayoutShiftWhenTheAppStarts allows.
func slowFeedSwap(t *testing.T, ctx context.Context, feed *feedServer, saved []pages.Server, newDoc []byte) {
	t.Helper()
	release := feed.holdNext()
	var loadShift, swapShift float64
	run(t, ctx, "reloading while the feed is slow", chromedp.Reload(), waitForApp())
	run(t, ctx, "while the feed is slow, the saved list",
		captionHas("Saved list from ", "Looking for today's list…"),
		rowsAre(saved),
		chromedp.Evaluate(cumulativeLayoutShift, &loadShift, awaitPromise),
		chromedp.Evaluate(`window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: "layout-shift" })`, nil),
	)
	release <- newDoc
	run(t, ctx, "the new list arriving",
		captionHas("Live list from "+strings.TrimPrefix(feed.Server.URL, "http://")+", fetched just now."),
		rowsAre(liveRows(t, newDoc)),
		chromedp.Evaluate(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(window.__shift))))`, &swapShift, awaitPromise),
	)
	t.Logf("layout shift as the saved list replaced the snapshot: %.4f; as the live list replaced the saved one: %.4f", loadShift, swapShift)
	for what, shift := range map[string]float64{"the saved list replaced the snapshot": loadShift, "the live list arrived": swapShift} {
		if shift > 0.01 {
			t.Errorf("the page jumped by %.3f when %s (the layout-shift budget is 0.01)", shift, what)
		}
	}
}

// On a phone too, the saved list and then the live one take the
// snapshot's place without the page jumping; a feed that hangs is given up
// on after a bounded wait.
func TestDirectoryFeedSlowOnAPhone(t *testing.T) {
	first := serversfeed.Document(serversfeed.Good("-live")...)
	feed := startFeed(t, first)
	srv := startServer(t, "-servers-feed", feed.URL())
	ctx := newBrowser(t, 360, 780)
	run(t, ctx, "sizing the window", chromedp.EmulateViewport(360, 780))
	run(t, ctx, "opening the directory online",
		chromedp.Navigate(srv.URL+"/servers"),
		waitForApp(),
		captionHas("Live list from "),
		rowsAre(liveRows(t, first)),
	)
	second := serversfeed.Document(serversfeed.Good("-new")...)
	slowFeedSwap(t, ctx, feed, liveRows(t, first), second)

	// A feed that never answers: the page waits a bounded time, then says
	// so and keeps the saved list.
	feed.holdNext() // never released
	run(t, ctx, "reloading while the feed hangs", chromedp.Reload(), waitForApp())
	expectCaption(t, ctx, "giving up on a hanging feed",
		"Saved list from ", "— the live list could not be read just now: it did not arrive within 20 seconds.")
	run(t, ctx, "the saved rows stay", rowsAre(liveRows(t, second)))
}

func repeatEntry(v any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}
