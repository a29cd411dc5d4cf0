package site

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTextResponsesAreGzipped(t *testing.T) {
	h := compressText(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, strings.Repeat("<p>Hello Matrix</p>", 200))
		case "/wasm":
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Content-Encoding", "br")
			io.WriteString(w, "already compressed")
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			io.WriteString(w, "binary")
		}
	}))
	get := func(path, enc string) *http.Response {
		r := httptest.NewRequest("GET", path, nil)
		if enc != "" {
			r.Header.Set("Accept-Encoding", enc)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}

	res := get("/page", "gzip, br")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("page headers: %v", res.Header)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); string(b) != strings.Repeat("<p>Hello Matrix</p>", 200) {
		t.Fatalf("gzip body decodes to %d bytes of something else", len(b))
	}
	if enc := get("/page", "").Header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("compressed for a client that did not ask: %q", enc)
	}
	if enc := get("/page", "gzip;q=0").Header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("compressed although gzip was refused: %q", enc)
	}
	if enc := get("/wasm", "gzip").Header.Get("Content-Encoding"); enc != "br" {
		t.Fatalf("precompressed wasm re-encoded: %q", enc)
	}
	if enc := get("/png", "gzip").Header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("binary image compressed: %q", enc)
	}
}
