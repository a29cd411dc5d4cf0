//go:build !wasm

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"hellomatrix/pages"
)

// plainRun is a stretch of a chapter that is only words: no markup or
// entity can make it differ between the chapter and the binary.
var plainRun = regexp.MustCompile(`[A-Za-z][A-Za-z ,]{47,}[A-Za-z]`)

// TestNoChapterTextInWasm: the chapters reach the browser as files the
// service worker keeps (page_content.go), not compiled into app.wasm, so a
// new page (or language) does not grow the download of readers who want
// none of it. Each chapter's longest plain stretch of body and of search
// text must be absent from the binary.
func TestNoChapterTextInWasm(t *testing.T) {
	wasm, err := os.ReadFile(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	chapters := pages.Chapters()
	if len(chapters) < 3 {
		t.Fatalf("only %d chapters: nothing to look for", len(chapters))
	}
	for _, c := range chapters {
		var body, text []byte
		for _, p := range c.Parts {
			body = longest(body, plainRun.FindAll([]byte(p.HTML), -1))
		}
		for _, s := range c.Sections {
			text = longest(text, plainRun.FindAll([]byte(s.Text), -1))
		}
		if len(body) == 0 || len(text) == 0 {
			t.Fatalf("chapter %s: no plain stretch of 50 letters to look for", c.Slug)
		}
		for _, s := range [][]byte{body, text} {
			if bytes.Contains(wasm, s) {
				t.Errorf("chapter %s is compiled into app.wasm: it contains %q", c.Slug, s)
			}
		}
	}
}

func longest(best []byte, runs [][]byte) []byte {
	for _, r := range runs {
		if len(r) > len(best) {
			best = r
		}
	}
	return best
}
