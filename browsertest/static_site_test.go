package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// staticHost serves an exported site under base the way GitHub Pages and
// most static hosts do: /a/b is a/b.html when there is no file a/b, and a
// missing file gets 404.html with a 404 status.
func staticHost(dir, base string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.StripPrefix(base, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "" {
			p = "/" // go-app's worker caches the base without its slash
		}
		if p != "/" && !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
			p += ".html"
		}
		if p != "/" {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
				w.Write(page)
				return
			}
		}
		r.URL.Path = p
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	}))
}

// exportedSite exports the guide under base and serves it as a static
// host would, until the test ends.
func exportedSite(t *testing.T, base string) *httptest.Server {
	t.Helper()
	dist := filepath.Join(t.TempDir(), "dist")
	export := exec.Command(serverBin, "static", "-out", dist, "-base", base, "-web", filepath.Join(repoRoot, "web"), "-servers-feed", "off")
	if out, err := export.CombinedOutput(); err != nil {
		t.Fatalf("app static: %v\n%s", err, out)
	}
	host := httptest.NewServer(staticHost(dist, base))
	t.Cleanup(host.Close)
	return host
}

// The static export runs as a real app under a sub-path: links, the
// app's own navigation and the service worker all stay inside it.
func TestStaticSiteUnderSubPath(t *testing.T) {
	const base = "/hello-matrix"
	host := exportedSite(t, base)

	ctx := newBrowser(t, 1280, 900)
	chapters := pages.Chapters()
	run(t, ctx, "opening the exported site",
		chromedp.Navigate(host.URL+base+"/"),
		waitForApp(),
		// The worker and wasm_exec.js are found under the sub-path too: a
		// glue not found fails the warm-up, a worker not found compiles on
		// the page. (A warm-up over its 3 s on a busy machine says so.)
		waitFor(`["worker, warmed up", "worker, warm-up cut short"].includes(document.documentElement.dataset.wasmCompile)`),
		chromedp.Evaluate(`window.stillTheSamePage = true`, nil),
		clickSteady(`.start a.button`),
		h1Is(chapters[0].Title, base+chapters[0].Path()),
		// The chapter's body can arrive after its heading and move the link.
		clickSteady(`a.pager-next`),
		h1Is(chapters[1].Title, base+chapters[1].Path()),
		waitFor(`window.stillTheSamePage === true`),
	)
	run(t, ctx, "searching in the exported site",
		chromedp.SendKeys(`#site-search`, "homeserver", chromedp.ByQuery),
		chromedp.Click(`.search-box button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname === "`+base+`/search" && document.querySelectorAll(".search-results li").length > 0`),
		waitFor(`[...document.querySelectorAll(".search-results a")].every(a => a.getAttribute("href").startsWith("`+base+`/guide/"))`),
	)
	run(t, ctx, "the service worker lives under the sub-path",
		serviceWorkerReady(),
		waitFor(`navigator.serviceWorker.getRegistration().then(r => new URL(r.scope).pathname === "`+base+`/")`),
	)
	run(t, ctx, "an unknown address gets the friendly page",
		chromedp.Navigate(host.URL+base+"/guide/nope"),
		waitForApp(),
		waitFor(`document.querySelector("h1").textContent === "Chapter not found"`),
	)
}
