package site

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// contentTypes are set explicitly rather than left to the system's MIME
// table, which varies between machines and lacks some of these. app.wasm in
// particular must be application/wasm or browsers refuse to stream-compile it.
var contentTypes = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".txt":         "text/plain; charset=utf-8",
}

func contentTypeOf(name string) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// precompressed lists the encodings we may find beside a file, best first.
var precompressed = []struct{ encoding, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// serveWebFile sends web/<name>, or a .br/.gz copy of it made at build time
// when the browser accepts that encoding. The URLs are not versioned, so
// browsers must revalidate (no-cache); offline copies come from the service
// worker, which go-app refreshes whenever the site version changes.
func serveWebFile(w http.ResponseWriter, r *http.Request, webDir, name string) {
	name = path.Clean("/" + name)[1:]
	if name == "" || strings.HasPrefix(path.Base(name), ".") {
		http.NotFound(w, r)
		return
	}
	file := filepath.Join(webDir, filepath.FromSlash(name))
	info, err := os.Stat(file)
	if err != nil || info.IsDir() {
		http.NotFound(w, r)
		return
	}

	h := w.Header()
	h.Set("Content-Type", contentTypeOf(name))
	h.Set("Cache-Control", "no-cache")
	if path.Ext(name) == ".wasm" {
		h.Set(wasmSizeHeader, strconv.FormatInt(info.Size(), 10))
	}

	sendFile, sendInfo := file, info
	for _, p := range precompressed {
		variant, err := os.Stat(file + p.suffix)
		if err != nil || !isFreshTwin(variant, info) {
			continue // missing, or older than the file it should match
		}
		h.Set("Vary", "Accept-Encoding")
		if acceptsEncoding(r.Header.Get("Accept-Encoding"), p.encoding) {
			h.Set("Content-Encoding", p.encoding)
			sendFile, sendInfo = file+p.suffix, variant
			break
		}
	}

	f, err := os.Open(sendFile)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, "", sendInfo.ModTime(), f)
}

// acceptsEncoding reads an Accept-Encoding header such as
// "gzip, deflate, br;q=0.9" and reports whether encoding is wanted.
func acceptsEncoding(header, encoding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), encoding) && strings.TrimSpace(name) != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		return q > 0
	}
	return false
}

// isFreshTwin reports whether a .br or .gz file is at least as new as its
// original. Whole seconds only: brotli and gzip give their output the
// original's time, and brotli drops the fraction of a second.
func isFreshTwin(twin, original os.FileInfo) bool {
	return !twin.ModTime().Truncate(time.Second).Before(original.ModTime().Truncate(time.Second))
}
