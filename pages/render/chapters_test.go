package render

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"hellomatrix/pages"
)

// pagesDir is the pages folder, which holds chapters/*.md and the
// directory; tests run in pages/render.
var pagesDir = os.DirFS("..")

// renderSources renders the real chapters.
func renderSources(t *testing.T) []pages.Chapter {
	t.Helper()
	chs, err := Render(pagesDir)
	if err != nil {
		t.Fatalf("rendering chapters/*.md: %v", err)
	}
	return chs
}

// wantWidgets says which chapter carries which live client.
var wantWidgets = map[string]string{
	"choose-a-server": pages.WidgetServerPicker,
	"register":        pages.WidgetRegister,
	"login":           pages.WidgetLogin,
	"first-message":   pages.WidgetFirstMessage,
	"key-backup":      pages.WidgetKeyBackup,
	// Ignore and report live in the chat the first-message box opens.
	"staying-safe": pages.WidgetFirstMessage,
	// Choosing your apps: a box to be signed in, where the request from
	// the reader's next app shows.
	"apps": pages.WidgetLogin,
}

// glossarySlug is the page every other page links its terms to.
const glossarySlug = "glossary"

func TestRealChapters(t *testing.T) {
	chs := renderSources(t)
	if len(chs) != 15 {
		t.Fatalf("want 15 pages, got %d", len(chs))
	}
	slugs := map[string]bool{}
	for i, c := range chs {
		if c.Number != i+1 {
			t.Errorf("chapter %d (%s) is numbered %d", i+1, c.Slug, c.Number)
		}
		if slugs[c.Slug] {
			t.Errorf("slug %s used twice", c.Slug)
		}
		slugs[c.Slug] = true
		if c.Title == "" {
			t.Errorf("%s: no title", c.Slug)
		}
		if n := len([]rune(c.Description)); n < 50 || n > 200 {
			t.Errorf("%s: description is %d characters, want 50–200 (search engines cut longer ones)", c.Slug, n)
		}
		h2 := 0
		for _, h := range c.Headings {
			if h.Level == 2 {
				h2++
			}
		}
		if h2 < 3 {
			t.Errorf("%s: %d h2 headings, want at least 3", c.Slug, h2)
		}
		var widgets []string
		for _, p := range c.Parts {
			if p.Widget != "" {
				widgets = append(widgets, p.Widget)
			}
		}
		want := wantWidgets[c.Slug]
		switch {
		case want == "" && len(widgets) > 0:
			t.Errorf("%s: unexpected live clients %v", c.Slug, widgets)
		case want != "" && (len(widgets) != 1 || widgets[0] != want):
			t.Errorf("%s: live clients %v, want [%s]", c.Slug, widgets, want)
		}
		if len(c.Sections) == 0 || c.Text == "" {
			t.Errorf("%s: no plain text", c.Slug)
		}
		if c.Checked == "" || len(c.Sources) == 0 {
			t.Errorf("%s: want a `checked:` date and at least one `source:` in its front matter", c.Slug)
		}
		for _, h := range c.Headings {
			if h.ID == pages.SourcesAnchor {
				t.Errorf("%s: heading %q takes the id of the Sources list", c.Slug, h.Text)
			}
		}
		if c.Slug != glossarySlug && !linksTo(c, "/guide/"+glossarySlug+"#") {
			t.Errorf("%s: links no term to the glossary (/guide/%s#term)", c.Slug, glossarySlug)
		}
	}
	for slug := range wantWidgets {
		if !slugs[slug] {
			t.Errorf("no chapter %q for its live client", slug)
		}
	}
}

// linksTo reports whether any part of c links to a URL starting with prefix.
func linksTo(c pages.Chapter, prefix string) bool {
	for _, p := range c.Parts {
		if strings.Contains(p.HTML, `href="`+prefix) {
			return true
		}
	}
	return false
}

func TestRealChaptersLinksResolve(t *testing.T) {
	if err := CheckLinks(renderSources(t)); err != nil {
		t.Errorf("broken links in the chapters:\n%v", err)
	}
}

func TestGeneratedFilesAreFresh(t *testing.T) {
	files, err := Generated(pagesDir, renderSources(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		have, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, want) {
			t.Errorf("pages/%s is stale: the chapters or directory.json changed since it was generated; run `go generate ./pages`", name)
		}
	}
}

// TestGeneratedDataMatchesSources reads the compiled-in data back: what the
// app serves is what the Markdown and directory.json say.
func TestGeneratedDataMatchesSources(t *testing.T) {
	if !reflect.DeepEqual(pages.Chapters(), renderSources(t)) {
		t.Error("Chapters() differs from the rendered Markdown; run `go generate ./pages`")
	}
	srvs, err := Directory(pagesDir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pages.Servers(), srvs) || len(srvs) == 0 {
		t.Errorf("Servers() (%d) differs from directory.json (%d); run `go generate ./pages`", len(pages.Servers()), len(srvs))
	}
}

// Popular rooms: 8 to 12 rooms or spaces, each opened through matrix.to,
// the day the list was checked, and the warning about outside directories.
func TestPopularRoomsPage(t *testing.T) {
	var page *pages.Chapter
	chs := renderSources(t)
	for i := range chs {
		if chs[i].Slug == "popular-rooms" {
			page = &chs[i]
		}
	}
	if page == nil {
		t.Fatal("no popular-rooms page")
	}
	links := map[string]bool{}
	for _, p := range page.Parts {
		for _, m := range hrefRe.FindAllStringSubmatch(p.HTML, -1) {
			if strings.HasPrefix(m[1], "https://matrix.to/#/#") {
				links[m[1]] = true
			}
		}
	}
	if n := len(links); n < 8 || n > 12 {
		t.Errorf("%d rooms linked through matrix.to, want 8 to 12", n)
	}
	if !strings.Contains(page.Text, "checked on "+readable(page.Checked)) {
		t.Errorf("the page does not say in its text that the list was checked on %s", readable(page.Checked))
	}
	if !strings.Contains(page.Text, "not filtered") {
		t.Error("no warning that directories outside the guide are not filtered")
	}
}

// readable writes 2026-12-07 as the chapters do, "7 December 2026".
func readable(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return d.Format("2 January 2006")
}
