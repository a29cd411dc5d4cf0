//go:build !wasm

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"hellomatrix/app/reading"
	"hellomatrix/pages"
)

// TestPageDataServed: the app, which has no chapter compiled in, finds the
// index, every chapter's body and the search text on the server, and the
// service worker keeps them for offline reading.
func TestPageDataServed(t *testing.T) {
	var index []pages.Chapter
	if err := json.Unmarshal([]byte(mustGet(t, reading.PageDataPath(reading.PageIndexFile)).Body), &index); err != nil {
		t.Fatal(err)
	}
	if len(index) != len(pages.Chapters()) {
		t.Fatalf("the index has %d chapters, the guide %d", len(index), len(pages.Chapters()))
	}
	worker := mustGet(t, "/app-worker.js").Body
	for i, c := range pages.Chapters() {
		if index[i].Slug != c.Slug || index[i].Title != c.Title || index[i].HasBody() || index[i].Text != "" {
			t.Errorf("index entry %d: %+v, want %s's title and no body or text", i, index[i].Slug, c.Slug)
		}
		path := reading.PageDataPath(reading.ChapterBodyFile(c.Slug))
		parts, err := pages.ReadParts([]byte(mustGet(t, path).Body))
		if err != nil {
			t.Fatal(err)
		}
		if len(parts) != len(c.Parts) || !strings.Contains(parts[0].HTML+parts[len(parts)-1].HTML, "<") {
			t.Errorf("%s: %d parts, want %d with their HTML", path, len(parts), len(c.Parts))
		}
		if !strings.Contains(worker, `"`+path+`"`) {
			t.Errorf("app-worker.js does not cache %s", path)
		}
	}
	var search []struct{ Slug string }
	if err := json.Unmarshal([]byte(mustGet(t, reading.PageDataPath(reading.PageSearchFile)).Body), &search); err != nil || len(search) != len(index) {
		t.Errorf("the search text has %d chapters (%v), want %d", len(search), err, len(index))
	}
	if !strings.Contains(worker, `"`+reading.PageDataPath(reading.PageSearchFile)+`"`) {
		t.Error("app-worker.js does not cache the search text")
	}
	if get(t, reading.PageDataPath("guide-no-such-page.json")).Status != 404 {
		t.Error("a missing page data file is not a 404")
	}
}
