//go:build !wasm

package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"hellomatrix/app/basepath"
	"hellomatrix/app/reading"
	"hellomatrix/app/site"
	"hellomatrix/app/site/sitetest"
	"hellomatrix/pages"
)

// compileWorkerFile is the worker in web/ that the site's app.js hands the
// WASM to (app/site/app_script.go).
const compileWorkerFile = "compile-worker.js"

// exportSite runs `app static` into a temporary folder.
func exportSite(t *testing.T, opts site.ExportOptions) string {
	t.Helper()
	opts.OutDir = filepath.Join(t.TempDir(), "dist")
	opts.WebDir = webDir
	if err := site.Export(siteConfig(), opts); err != nil {
		t.Fatal(err)
	}
	if basepath.Get() != "" {
		t.Fatalf("the export left the base path set to %q", basepath.Get())
	}
	return opts.OutDir
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fileForURL maps a URL path of the exported site to the file a static host
// would send for it.
func fileForURL(dist, base, urlPath string) string {
	p := strings.TrimPrefix(urlPath, base)
	switch {
	case p == "" || p == "/":
		p = "/index.html"
	case path.Ext(p) == "":
		p += ".html"
	}
	return filepath.Join(dist, filepath.FromSlash(p))
}

func TestStaticExportUnderBasePath(t *testing.T) {
	const base = "/sub/path"
	dist := exportSite(t, site.ExportOptions{Base: base})

	// Every page and every file the app needs.
	want := []string{"index.html", "servers.html", "search.html", "404.html",
		"app.js", "app-worker.js", "app.css", "manifest.webmanifest", "wasm_exec.js", "_headers",
		"web/app.wasm", "web/app.wasm.br", "web/app.wasm.gz", "web/app.css",
		"web/icon.svg", "web/icon-192.png", "web/icon-512.png", "web/icon-maskable.png",
		"index.html.br", "index.html.gz", "app-worker.js.br", "web/app.css.gz"}
	for _, c := range pages.Chapters() {
		want = append(want, "guide/"+c.Slug+".html", "guide/"+c.Slug+".html.br", "guide/"+c.Slug+".html.gz")
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(dist, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}

	// Every link and resource in every page carries the base and exists.
	pagesFound := 0
	filepath.Walk(dist, func(file string, info os.FileInfo, err error) error {
		if err != nil || filepath.Ext(file) != ".html" {
			return err
		}
		pagesFound++
		rel, _ := filepath.Rel(dist, file)
		page := readFile(t, file)
		for _, tg := range sitetest.FindTags(page, "") {
			for _, attr := range []string{"href", "src"} {
				v, ok := tg.Attrs[attr]
				if !ok || !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") {
					continue
				}
				if v != base && !strings.HasPrefix(v, base+"/") {
					t.Errorf("%s: %s=%q lacks the base path", rel, attr, v)
					continue
				}
				target, _, _ := strings.Cut(v, "#")
				target, _, _ = strings.Cut(target, "?")
				if _, err := os.Stat(fileForURL(dist, base, target)); err != nil {
					t.Errorf("%s: %s=%q: no such file in the export", rel, attr, v)
				}
			}
		}
		if strings.Contains(page, "og:url") {
			t.Errorf("%s: og:url points at the exporter's temporary server", rel)
		}
		if strings.Contains(page, "user-scalable") {
			t.Errorf("%s: the viewport still blocks zooming", rel)
		}
		return nil
	})
	// app.js compiles the WASM in the worker, both found under the base.
	appJS := readFile(t, filepath.Join(dist, "app.js"))
	if !strings.Contains(appJS, `hmInstantiate("`+base+`/web/app.wasm", "`+base+`/web/`+compileWorkerFile+`"`) {
		t.Error("the exported app.js does not compile app.wasm in the worker under the base path")
	}
	if _, err := os.Stat(filepath.Join(dist, "web", compileWorkerFile)); err != nil {
		t.Error(err)
	}
	if pagesFound < len(pages.Chapters())+4 {
		t.Errorf("only %d pages exported", pagesFound)
	}

	// The app and its worker know where they live.
	manifest := readFile(t, filepath.Join(dist, "manifest.webmanifest"))
	var m struct {
		StartURL string `json:"start_url"`
		Scope    string
		Icons    []struct{ Src string }
	}
	if err := json.Unmarshal([]byte(manifest), &m); err != nil {
		t.Fatal(err)
	}
	if m.StartURL != base+"/" || m.Scope != base+"/" {
		t.Errorf("manifest start_url %q, scope %q", m.StartURL, m.Scope)
	}
	for _, icon := range m.Icons {
		if !strings.HasPrefix(icon.Src, base+"/web/") {
			t.Errorf("manifest icon %q lacks the base", icon.Src)
		}
	}
	worker := readFile(t, filepath.Join(dist, "app-worker.js"))
	for _, c := range pages.Chapters() {
		if !strings.Contains(worker, `"`+base+c.Path()+`"`) {
			t.Errorf("app-worker.js does not cache %s", base+c.Path())
		}
		// The chapter's body for the app, with the base in its links.
		data := base + reading.PageDataDir + reading.ChapterBodyFile(c.Slug)
		if !strings.Contains(worker, `"`+data+`"`) {
			t.Errorf("app-worker.js does not cache %s", data)
		}
		body := readFile(t, fileForURL(dist, base, data))
		if !strings.Contains(body, `href=\"`+base+`/guide/`) && strings.Contains(body, `href=\"/guide/`) {
			t.Errorf("%s links to chapters without the base path", data)
		}
	}
	if page := readFile(t, filepath.Join(dist, "index.html")); !pageIndexBlock.MatchString(page) {
		t.Error("the exported home page does not carry the chapters' index")
	}
	for _, name := range []string{reading.PageIndexFile, reading.PageSearchFile} {
		data := base + reading.PageDataDir + name
		if !strings.Contains(worker, `"`+data+`"`) {
			t.Errorf("app-worker.js does not cache %s", data)
		}
		readFile(t, fileForURL(dist, base, data))
	}
	if js := readFile(t, filepath.Join(dist, "app.js")); !strings.Contains(js, `"GOAPP_ROOT_PREFIX":"`+base+`"`) {
		t.Error("app.js does not carry the base path to the app")
	}

	// wasm_exec.js is the toolchain's, not go-app's old copy.
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	toolchain := readFile(t, filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
	if readFile(t, filepath.Join(dist, "wasm_exec.js")) != toolchain {
		t.Error("wasm_exec.js is not the toolchain's")
	}

	headers := readFile(t, filepath.Join(dist, "_headers"))
	for _, want := range []string{"/web/app.wasm\n  Content-Type: application/wasm", "X-Content-Type-Options: nosniff", "Cache-Control: no-cache"} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q", want)
		}
	}

	// Served by a plain static file server under the base, every page reads.
	host := httptest.NewServer(http.StripPrefix(base, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, fileForURL(dist, "", r.URL.Path))
	})))
	defer host.Close()
	for _, route := range pageRoutes() {
		res, err := http.Get(host.URL + base + route)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s from the static host: %d", base+route, res.StatusCode)
		}
	}
}

func TestStaticExportAtRoot(t *testing.T) {
	dist := exportSite(t, site.ExportOptions{Origin: "https://guide.example"})
	page := readFile(t, filepath.Join(dist, "guide", pages.Chapters()[0].Slug+".html"))
	if !sitetest.HasTag(page, "link", "rel", "manifest", "href", "/manifest.webmanifest") {
		t.Error("the manifest link is not at the root")
	}
	if !sitetest.HasTag(page, "meta", "property", "og:url", "content", "https://guide.example"+pages.Chapters()[0].Path()) {
		t.Error("og:url does not use -origin")
	}
	if !sitetest.HasTag(page, "a", "href", "/servers") {
		t.Error("no root-relative link to /servers")
	}

	// Every language's pages are there, in their language, with absolute
	// alternates from -origin, and their data files beside them.
	for _, l := range pages.Languages[1:] {
		c := pages.ChaptersIn(l.Code)[4]
		page := readFile(t, fileForURL(dist, "", c.Path()))
		if !strings.Contains(page, `<html lang="`+l.Code+`"`) || !strings.Contains(page, c.Title) {
			t.Errorf("%s is not the %s chapter", c.Path(), l.Code)
		}
		if !sitetest.HasTag(page, "link", "rel", "alternate", "hreflang", "en", "href", "https://guide.example/guide/"+c.Slug) {
			t.Errorf("%s: no hreflang alternate for English from -origin", c.Path())
		}
		readFile(t, fileForURL(dist, "", l.Localize("/")))
		if m := readFile(t, filepath.Join(dist, l.Code, "manifest.webmanifest")); !strings.Contains(m, `"lang": "`+l.Code+`"`) {
			t.Errorf("the %s manifest is not in %s", l.Code, l.Code)
		}
		readFile(t, fileForURL(dist, "", reading.PageDataDir+reading.PageDataFile(l.Code, reading.ChapterBodyFile(c.Slug))))
	}
}
