//go:build !wasm

package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hellomatrix/app/reading"
	"hellomatrix/app/site/sitetest"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// TestEveryLanguageIsServed: every page exists in every language at its
// language's address, says its language in <html lang>, names the same
// page in every language with absolute hreflang alternates, and carries
// its own language's index; a page that does not exist is a 404 in every
// language.
func TestEveryLanguageIsServed(t *testing.T) {
	alternate := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	for _, l := range pages.Languages {
		chs := pages.ChaptersIn(l.Code)
		if len(chs) != len(pages.Chapters()) {
			t.Fatalf("%s: %d chapters, English has %d", l.Code, len(chs), len(pages.Chapters()))
		}
		for _, rest := range []string{"/", "/guide/" + chs[2].Slug, ui.ServersRoute, ui.SearchRoute, ui.AboutRoute} {
			route := l.Localize(rest)
			page := mustGet(t, route).Body
			if !strings.Contains(page, `<html lang="`+l.Code+`"`) {
				t.Errorf("%s: no <html lang=%q>", route, l.Code)
			}
			got := map[string]string{}
			for _, m := range alternate.FindAllStringSubmatch(page, -1) {
				got[m[1]] = m[2]
			}
			for _, other := range pages.Languages {
				want := testServer.URL + other.Localize(rest)
				if got[other.Code] != want {
					t.Errorf("%s: hreflang %s is %q, want %q", route, other.Code, got[other.Code], want)
				}
			}
			if got["x-default"] != testServer.URL+rest {
				t.Errorf("%s: x-default is %q, want the English page", route, got["x-default"])
			}
			if len(got) != len(pages.Languages)+1 {
				t.Errorf("%s: %d alternates, want %d", route, len(got), len(pages.Languages)+1)
			}
			_, index, _ := strings.Cut(page, `id="`+reading.PageIndexID+`">`)
			index, _, _ = strings.Cut(index, "</script>")
			var inline []pages.Chapter
			if err := json.Unmarshal([]byte(index), &inline); err != nil || len(inline) == 0 {
				t.Fatalf("%s: the inline index does not read: %v", route, err)
			}
			if inline[0].Title != chs[0].Title || inline[0].Path() != chs[0].Path() {
				t.Errorf("%s: the inline index is not in %s: %q at %s", route, l.Code, inline[0].Title, inline[0].Path())
			}
		}
		if res := get(t, l.Localize("/guide/no-such-chapter")); res.Status != http.StatusNotFound {
			t.Errorf("%s: a missing chapter answers %d", l.Code, res.Status)
		}
		if res := get(t, l.Localize("/no-such-page")); res.Status != http.StatusNotFound {
			t.Errorf("%s: a missing page answers %d", l.Code, res.Status)
		}
	}
}

// TestEveryLanguageHasItsData: each language's chapters' index, bodies and
// search text are served under its folder, in that language.
func TestEveryLanguageHasItsData(t *testing.T) {
	for _, l := range pages.Languages {
		chs := pages.ChaptersIn(l.Code)
		var index []pages.Chapter
		if err := json.Unmarshal([]byte(mustGet(t, reading.PageDataPath(reading.PageDataFile(l.Code, reading.PageIndexFile))).Body), &index); err != nil {
			t.Fatalf("%s index: %v", l.Code, err)
		}
		if len(index) != len(chs) || index[3].Title != chs[3].Title || index[3].Language() != l.Code {
			t.Errorf("%s index: not that language's chapters", l.Code)
		}
		body := mustGet(t, reading.PageDataPath(reading.PageDataFile(l.Code, reading.ChapterBodyFile(chs[3].Slug)))).Body
		english := mustGet(t, reading.PageDataPath(reading.ChapterBodyFile(chs[3].Slug))).Body
		if !strings.Contains(body, `id=\"`+chs[3].Headings[0].ID+`\"`) || (l.Code != pages.English) != (body != english) {
			t.Errorf("%s: the body of %s is not that language's", l.Code, chs[3].Slug)
		}
		search := mustGet(t, reading.PageDataPath(reading.PageDataFile(l.Code, reading.PageSearchFile))).Body
		if !strings.Contains(search, jsonText(t, string([]rune(chs[3].Sections[1].Text)[:20]))) {
			t.Errorf("%s: the search text is not that language's", l.Code)
		}
	}
}

func jsonText(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Trim(string(b), `"`)
}

// TestWorkerKeepsVisitedLanguages: the service worker stores English's
// pages when it installs and each other language's when first visited,
// landing page first; no other language's page is in the install list.
func TestWorkerKeepsVisitedLanguages(t *testing.T) {
	js := mustGet(t, "/app-worker.js").Body
	install, _, _ := strings.Cut(js, "\n")
	_, list, _ := strings.Cut(js, "const resourcesToCache = ")
	list, _, _ = strings.Cut(list, ";\n")
	var resources []string
	if err := json.Unmarshal([]byte(list), &resources); err != nil {
		t.Fatalf("resourcesToCache: %v (%s)", err, install)
	}
	_, langs, _ := strings.Cut(js, "const languagePages = ")
	langs, _, _ = strings.Cut(langs, ";\n")
	var byLang map[string][]string
	if err := json.Unmarshal([]byte(langs), &byLang); err != nil {
		t.Fatalf("languagePages: %v", err)
	}
	for _, r := range resources {
		if lang := ui.LanguageAt(r); lang != pages.English {
			t.Errorf("the worker installs %s, a %s page", r, lang)
		}
		if strings.Contains(r, reading.PageDataDir+"de/") {
			t.Errorf("the worker installs %s", r)
		}
	}
	if !contains(resources, pages.Chapters()[0].Path()) || !contains(resources, reading.PageDataPath(reading.PageIndexFile)) {
		t.Errorf("the worker does not install English's pages and data: %v", resources)
	}
	for _, l := range pages.Languages[1:] {
		urls := byLang[l.Code]
		if len(urls) == 0 || urls[0] != l.Localize("/") {
			t.Fatalf("%s: the worker's list does not start at the landing page: %v", l.Code, urls)
		}
		for _, want := range []string{pages.ChaptersIn(l.Code)[5].Path(), l.Localize(ui.SearchRoute), reading.PageDataPath(reading.PageDataFile(l.Code, reading.PageSearchFile))} {
			if !contains(urls, want) {
				t.Errorf("%s: the worker's list lacks %s", l.Code, want)
			}
		}
	}
	for _, hook := range []string{"then(() => keepVisitedLanguages(cache))", "\n  cacheLanguageOf(event);"} {
		if strings.Count(js, hook) != 1 {
			t.Errorf("the worker does not call %s once (go-app's worker changed?)", hook)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestPagesCarryTheirWords: a page in another language than English
// carries its language's catalog, the very file served beside its index,
// for the app, which has only English's built in; an English page
// carries none.
func TestPagesCarryTheirWords(t *testing.T) {
	block := regexp.MustCompile(`<script type="application/json" id="` + reading.PageWordsID + `">([^<]*)</script>`)
	for _, l := range pages.Languages {
		page := mustGet(t, l.Localize("/guide/register")).Body
		m := block.FindStringSubmatch(page)
		if l.Code == pages.English {
			if m != nil {
				t.Error("an English page carries a catalog")
			}
			continue
		}
		file := mustGet(t, reading.PageDataPath(reading.PageDataFile(l.Code, reading.PageWordsFile))).Body
		if m == nil || m[1] != strings.ReplaceAll(file, "<", `\u003c`) {
			t.Errorf("%s: the page does not carry its words", l.Code)
		}
		var catalog map[string]any
		if err := json.Unmarshal([]byte(file), &catalog); err != nil || len(catalog) < 100 {
			t.Errorf("%s: %s is not a catalog: %v", l.Code, reading.PageWordsFile, err)
		}
	}
}

// TestEveryLanguageHasItsManifest: a page in another language links its
// language's manifest, which installs the guide with that language's
// description, starting at that language's landing page.
func TestEveryLanguageHasItsManifest(t *testing.T) {
	for _, l := range pages.Languages {
		path := pages.LanguagePrefix(l.Code) + "/manifest.webmanifest"
		if page := mustGet(t, l.Localize(ui.AboutRoute)).Body; !sitetest.HasTag(page, "link", "rel", "manifest", "href", path) {
			t.Errorf("%s does not link %s", l.Localize(ui.AboutRoute), path)
		}
		var m struct {
			Lang, Name, Description, StartURL, Scope string
		}
		body := mustGet(t, path).Body
		if err := json.Unmarshal([]byte(strings.ReplaceAll(body, `"start_url"`, `"startURL"`)), &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		w := words.For(l.Code)
		if m.Description != w.Say("site.home.description") || m.Name != w.Say("site.manifest.name") || m.StartURL != l.Localize("/") || m.Scope != "/" {
			t.Errorf("%s: %+v", path, m)
		}
		if l.Code != pages.English && m.Lang != l.Code {
			t.Errorf("%s: lang %q", path, m.Lang)
		}
	}
}
