package browsertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// findToken is a browser-side search for the token in everything the page
// can reach after logging out: both storages and every cached request and
// response (app.wasm included; it is read as text once).
const findToken = `(async (token) => {
	const found = [];
	for (const [name, store] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]]) {
		for (let i = 0; i < store.length; i++) {
			const k = store.key(i);
			if (k.includes(token) || (store.getItem(k) || "").includes(token)) found.push(name + " " + k);
		}
	}
	for (const name of await caches.keys()) {
		const cache = await caches.open(name);
		for (const req of await cache.keys()) {
			const res = await cache.match(req);
			if (req.url.includes(token) || (res && (await res.text()).includes(token))) found.push("cache " + name + " " + req.url);
		}
	}
	if (document.documentElement.outerHTML.includes(token)) found.push("the page itself");
	return found;
})`

// checkTokenHygiene follows a signed-in journey: the access token never
// appeared in a requested URL, is in none of the site's pages, and is gone
// from every browser storage once the reader logs out.
func checkTokenHygiene(t *testing.T, p *practice, r *reader, watch *browserWatch) {
	t.Helper()
	var stored string
	run(t, r.ctx, "reading the saved session", chromedp.Evaluate(`localStorage.getItem("hellomatrix.session") || ""`, &stored))
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal([]byte(stored), &sess); err != nil || sess.AccessToken == "" {
		t.Fatalf("no session in localStorage while signed in: %q", stored)
	}
	token := sess.AccessToken
	forms := []string{token, url.QueryEscape(token), url.PathEscape(token)}

	// The same page as the server prerenders it, for every page.
	paths := []string{"/", "/servers", "/search?q=matrix"}
	for _, c := range pages.Chapters() {
		paths = append(paths, c.Path())
	}
	for _, path := range paths {
		if body := getPage(t, p.Site.URL+path); strings.Contains(body, token) {
			t.Errorf("the page %s as served holds the access token", path)
		}
	}

	r.click("logging out", "#logout")
	r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)

	urls := watch.requestURLs()
	leaked := 0
	for _, u := range urls {
		for _, f := range forms {
			if strings.Contains(u, f) {
				leaked++
				t.Errorf("the access token is in a requested URL: %s", u)
				break
			}
		}
	}
	t.Logf("token checked in %d request URLs: %d leaked", len(urls), leaked)
	if len(urls) < 10 {
		t.Errorf("only %d request URLs were recorded; the network watch seems blind", len(urls))
	}

	var found []string
	run(t, r.ctx, "searching storage and caches for the token",
		chromedp.Evaluate(findToken+`(`+jsString(token)+`)`, &found, awaitPromise))
	if len(found) != 0 {
		t.Errorf("after logging out the access token is still in: %v", found)
	}
}

// getPage fetches a page's HTML straight from the server.
func getPage(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}
