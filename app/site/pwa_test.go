package site

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hellomatrix/pages"
)

var (
	wasmExecTag = regexp.MustCompile(`<script\s[^>]*src="/wasm_exec.js"`)
)

func onlyLocalURLs(t *testing.T, where, text string) {
	t.Helper()
	testServer.OnlyLocalURLs(t, where, text)
}

func TestManifestIsLocal(t *testing.T) {
	res := mustGet(t, "/manifest.webmanifest")
	if ct := res.Header.Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("Content-Type %q", ct)
	}
	onlyLocalURLs(t, "manifest", res.Body)

	var m struct {
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Icons     []struct {
			Src, Type, Sizes, Purpose string
		}
	}
	if err := json.Unmarshal([]byte(res.Body), &m); err != nil {
		t.Fatalf("manifest is not JSON: %v", err)
	}
	if m.ShortName != "Hello Matrix" || m.StartURL != "/" {
		t.Errorf("short_name %q, start_url %q", m.ShortName, m.StartURL)
	}
	want := map[string]string{ // src -> sizes
		iconSVG: "any", iconPNG: "192x192", iconLarge: "512x512", iconMaskable: "512x512",
	}
	maskable := false
	for _, icon := range m.Icons {
		if want[icon.Src] != icon.Sizes {
			t.Errorf("unexpected icon %+v", icon)
		}
		delete(want, icon.Src)
		maskable = maskable || (icon.Src == iconMaskable && icon.Purpose == "maskable")
	}
	if len(want) != 0 {
		t.Errorf("icons missing from the manifest: %v", want)
	}
	if !maskable {
		t.Error("no maskable icon")
	}
}

func TestIconsAreServed(t *testing.T) {
	for _, icon := range []struct {
		path, contentType string
		size              int
	}{
		{iconSVG, "image/svg+xml", 0},
		{iconPNG, "image/png", 192},
		{iconLarge, "image/png", 512},
		{iconMaskable, "image/png", 512},
	} {
		res := mustGet(t, icon.path)
		if ct := res.Header.Get("Content-Type"); ct != icon.contentType {
			t.Errorf("%s: Content-Type %q, want %q", icon.path, ct, icon.contentType)
		}
		if icon.size == 0 {
			onlyLocalURLs(t, icon.path, strings.ReplaceAll(res.Body, `xmlns="http://www.w3.org/2000/svg"`, ""))
			continue
		}
		img, err := png.Decode(strings.NewReader(res.Body))
		if err != nil {
			t.Errorf("%s: %v", icon.path, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != icon.size || b.Dy() != icon.size {
			t.Errorf("%s is %dx%d, want %dx%[3]d", icon.path, b.Dx(), b.Dy(), icon.size)
		}
	}
}

// The service worker must cache every page, so the whole guide reads
// offline, and the assets those pages need.
func TestServiceWorkerCachesTheGuide(t *testing.T) {
	res := mustGet(t, "/app-worker.js")
	m := regexp.MustCompile(`const resourcesToCache = (\[[^\]]*\]);`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatal("no resourcesToCache list in app-worker.js")
	}
	var cached []string
	if err := json.Unmarshal([]byte(m[1]), &cached); err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, c := range cached {
		has[c] = true
	}
	want := []string{"/", "/servers", "/search", "/web/app.wasm", "/wasm_exec.js", "/app.js", "/manifest.webmanifest",
		stylesheet, iconSVG, iconPNG, iconLarge, iconMaskable, "/web/" + compileWorkerFile}
	for _, c := range pages.Chapters() {
		want = append(want, c.Path())
	}
	for _, w := range want {
		if !has[w] {
			t.Errorf("app-worker.js does not cache %s", w)
		}
	}
	for _, c := range cached {
		if strings.HasPrefix(c, "http") {
			t.Errorf("app-worker.js caches a remote URL: %s", c)
		}
	}
	if !strings.Contains(res.Body, `ignoreSearch: event.request.mode === "navigate"`) {
		t.Error("the worker's offline lookup for pages with a query string is missing (has go-app's template changed?)")
	}
}

func TestWasmExecIsTheToolchains(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	res := mustGet(t, "/wasm_exec.js")
	if res.Body != string(want) {
		t.Error("/wasm_exec.js is not the Go toolchain's lib/wasm/wasm_exec.js")
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	if page := mustGet(t, "/").Body; !wasmExecTag.MatchString(page) {
		t.Error("the page does not load /wasm_exec.js")
	}
}

func TestWasmIsServedCompressed(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		acceptEncoding, want, file string
	}{
		{"gzip, deflate, br, zstd", "br", "app.wasm.br"},
		{"gzip;q=1.0, br;q=0.5", "br", "app.wasm.br"},
		{"gzip, br;q=0", "gzip", "app.wasm.gz"},
		{"gzip", "gzip", "app.wasm.gz"},
		{"", "", "app.wasm"},
		{"identity", "", "app.wasm"},
	} {
		for _, path := range []string{"/web/app.wasm", "/app.wasm"} {
			res := mustGet(t, path, "Accept-Encoding", tc.acceptEncoding)
			want, err := os.ReadFile(filepath.Join(webDir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Header.Get("Content-Encoding"); got != tc.want {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, want %q", path, tc.acceptEncoding, got, tc.want)
			}
			if !bytes.Equal([]byte(res.Body), want) {
				t.Errorf("%s with Accept-Encoding %q: body is not %s", path, tc.acceptEncoding, tc.file)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/wasm" {
				t.Errorf("%s: Content-Type %q", path, ct)
			}
			if v := res.Header.Get("Vary"); v != "Accept-Encoding" {
				t.Errorf("%s: Vary %q", path, v)
			}
			if n := res.Header.Get(wasmSizeHeader); n != strconv.Itoa(len(raw)) {
				t.Errorf("%s: %s %q, want %d", path, wasmSizeHeader, n, len(raw))
			}
		}
	}
}

func TestCachingHeaders(t *testing.T) {
	for _, path := range []string{"/", "/guide/" + pages.Chapters()[0].Slug, "/servers", "/manifest.webmanifest",
		"/app.js", "/app-worker.js", "/wasm_exec.js", "/web/app.wasm", stylesheet, iconPNG, iconSVG} {
		res := mustGet(t, path)
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache (the URL is not versioned)", path, cc)
		}
		if v := res.Header.Get("X-Content-Type-Options"); v != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", path, v)
		}
		if res.Header.Get("Content-Type") == "" {
			t.Errorf("%s: no Content-Type", path)
		}
	}
	if ct := mustGet(t, "/").Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("page Content-Type %q", ct)
	}
	if ct := mustGet(t, stylesheet).Header.Get("Content-Type"); ct != "text/css; charset=utf-8" {
		t.Errorf("stylesheet Content-Type %q", ct)
	}
}

// Dotfiles in web/ (the build lock, .gitignore) are not served.
func TestWebDotfilesAreHidden(t *testing.T) {
	for _, path := range []string{"/web/.gitignore", "/web/../go.mod", "/web/%2e%2e/go.mod"} {
		if res := get(t, path); res.Status == 200 {
			t.Errorf("GET %s was served", path)
		}
	}
}
