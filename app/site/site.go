package site

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/basepath"
	"hellomatrix/internal/sandbox"
)

// site is the HTTP face of the guide: go-app's handler for pages and its own
// scripts, with the parts go-app leaves to us done here (compressed
// app.wasm, the toolchain's wasm_exec.js, caching and type headers, a real
// 404 status, and a maskable icon in the manifest).
type site struct {
	cfg     Config
	app     *app.Handler
	webDir  string
	sandbox *sandbox.Info // nil unless `serve -sandbox` runs one
	policy  func() string // the Content-Security-Policy (security_headers.go)
	data    pageData      // the chapters for the app (page_data.go)

	appJSOnce sync.Once // appScript is made once: it depends only on app
	appJS     []byte
	appJSErr  error
}

// New is the handler `app serve` runs (before compression): the guide at
// the root of a host, with static files from webDir (the repository's web/
// folder) and the pages package main registered with go-app.
func New(cfg Config, webDir string) http.Handler { return newSite(cfg, webDir) }

func newSite(cfg Config, webDir string) *site {
	basepath.Set("")
	return siteUnderBase(cfg, webDir)
}

// siteUnderBase is the site under whatever base path is set: the static
// export sets one first.
func siteUnderBase(cfg Config, webDir string) *site {
	data := newPageData(cfg)
	handler := newAppHandler(cfg, siteVersion(webDir), data)
	return &site{
		cfg:    cfg,
		app:    handler,
		webDir: webDir,
		policy: pagePolicy(cfg),
		data:   data,
	}
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w, s.policy()) // security_headers.go

	if s.data.serve(w, r, r.URL.Path) {
		return
	}
	switch path := r.URL.Path; {
	case path == "/sandbox.json":
		s.serveSandboxInfo(w, r)
	case path == "/wasm_exec.js":
		s.serveWasmExec(w, r)
	case path == "/app.wasm", path == "/goapp.wasm":
		serveWebFile(w, r, s.webDir, "app.wasm")
	case strings.HasPrefix(path, "/web/"):
		serveWebFile(w, r, s.webDir, strings.TrimPrefix(path, "/web/"))
	case isManifest(path):
		s.serveManifest(w, r)
	case path == "/app.js", path == "/goapp.js":
		s.serveAppJS(w, r)
	case path == "/app-worker.js", path == "/app.css":
		s.app.ServeHTTP(w, r) // go-app marks these no-cache itself
	case path == "/robots.txt":
		serveRobots(w)
	case path == "/favicon.ico":
		// Browsers ask for it on their own; answering with the site icon
		// keeps a 404 out of every console.
		serveWebFile(w, r, s.webDir, "icon-192.png")
	case path == "/sitemap.xml", path == "/ads.txt":
		// go-app would fetch these from our own /web/ over HTTP; there are none.
		http.NotFound(w, r)
	default:
		s.servePage(w, r)
	}
}

// servePage has go-app prerender the page, then sends it with a 404 status
// when the address is not part of the guide (the body is still the friendly
// not-found page) and with a head that lets readers zoom.
func (s *site) servePage(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	s.app.ServeHTTP(rec, r)
	res := rec.Result()

	for _, k := range []string{"ETag", "Cache-Control"} {
		if v := res.Header.Get(k); v != "" {
			w.Header().Set(k, v)
		}
	}
	w.Header().Set("Cache-Control", "no-cache")
	if res.StatusCode == http.StatusNotModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}

	status := res.StatusCode
	if status == http.StatusOK && !s.cfg.isPageRoute(r.URL.Path) {
		status = http.StatusNotFound
	}
	body := s.fixPage(rec.Body.Bytes(), r.URL.Path, requestOrigin(r))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// serveAppJS sends go-app's app.js as appScript rewrites it.
func (s *site) serveAppJS(w http.ResponseWriter, r *http.Request) {
	js, err := s.appScript()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(js)))
	w.Write(js)
}

// appScript is go-app's app.js with the WASM compiled in a worker
// (fixAppJS), for the server and the static export alike.
func (s *site) appScript() ([]byte, error) {
	s.appJSOnce.Do(func() {
		rec := httptest.NewRecorder()
		s.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
		s.appJS, s.appJSErr = fixAppJS(rec.Body.Bytes())
	})
	return s.appJS, s.appJSErr
}

func (s *site) serveManifest(w http.ResponseWriter, r *http.Request) {
	lang, _ := manifestLanguage(r.URL.Path)
	manifest, err := s.manifest()
	if err == nil {
		manifest, err = inLanguage(manifest, lang)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(manifest)
}

// manifest is go-app's manifest with the maskable icon added (go-app v9 has
// no field for one).
func (s *site) manifest() ([]byte, error) {
	rec := httptest.NewRecorder()
	s.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/manifest.webmanifest", nil))
	return withMaskableIcon(rec.Body.Bytes())
}

func (s *site) serveWasmExec(w http.ResponseWriter, r *http.Request) {
	js, err := wasmExecJS(s.webDir)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "wasm_exec.js", wasmExecModTime(s.webDir), bytes.NewReader(js))
}
