//go:build !wasm

package main

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"hellomatrix/app/reading"
	"hellomatrix/app/site/sitetest"
	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// Every chapter must read completely from the prerendered HTML alone: title
// as the h1, its own description, and every part of its body.
func TestChapterPagesArePrerendered(t *testing.T) {
	chapters := pages.Chapters()
	if len(chapters) == 0 {
		t.Fatal("pages.Chapters() is empty: nothing to serve")
	}
	for _, c := range chapters {
		t.Run(c.Slug, func(t *testing.T) {
			page := mustGet(t, c.Path()).Body
			checkTitles(t, page, c.Title, c.Title+" · Hello Matrix")
			if !sitetest.HasTag(page, "meta", "name", "description", "content", c.Description) {
				t.Errorf("no description meta with %q", c.Description)
			}
			checkSourcesShown(t, page, c)
			for i, part := range c.Parts {
				switch {
				case part.HTML != "":
					if !strings.Contains(page, strings.TrimSpace(part.HTML)) {
						t.Errorf("part %d: its HTML is not in the page", i)
					}
				case part.Widget != "":
					if !sitetest.HasTag(page, "section", "class", "live-client", "data-widget", part.Widget, "aria-labelledby", "live-"+part.Widget) {
						t.Errorf("part %d: no live-client box for %q", i, part.Widget)
					}
					if !sitetest.HasTag(page, "p", "class", "live-client-status live-client-waiting") ||
						!strings.Contains(page, "The live client starts here when you use it (it needs JavaScript).") {
						t.Errorf("part %d: the live-client box has no fallback text", i)
					}
					if !strings.Contains(page, ">"+widgets.LiveClientHeading(words.For(words.English), part.Widget)+"</h3>") {
						t.Errorf("part %d: the live-client box has no heading", i)
					}
				}
			}
		})
	}
}

// Each widget a chapter may use has its own heading in the live-client box.
func TestEveryWidgetHasAHeading(t *testing.T) {
	for _, w := range pages.Widgets() {
		if widgets.LiveClientHeading(words.For(words.English), w) == "Try it here" {
			t.Errorf("widget %q has only the generic heading", w)
		}
	}
}

func TestOtherPagesArePrerendered(t *testing.T) {
	for _, tc := range []struct {
		path, h1, title string
		contains        []string
	}{
		// The quick start is there without JavaScript as a disabled form
		// (the app enables it), with a sentence pointing to the chapters.
		{"/", "Hello Matrix", "Hello Matrix", []string{"Start reading", pages.Chapters()[0].Title,
			"Try Matrix now", `data-widget="quick-start"`, "Every step is explained in the chapters below"}},
		{"/servers", "Server directory", "Server directory · Hello Matrix", []string{"<caption", pages.ServersSourceHost}},
		{"/search", "Search the guide", "Search · Hello Matrix", []string{`<label for="search-query">Words to look for</label>`}},
		{"/search?q=homeserver", "Search the guide", "Search: homeserver · Hello Matrix", []string{`class="search-results"`, `<mark>homeserver</mark>`}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			page := mustGet(t, tc.path).Body
			checkTitles(t, page, tc.h1, tc.title)
			if metas := sitetest.TagsWith(page, "meta", "name", "description"); len(metas) != 1 || len(metas[0].Attrs["content"]) < 20 {
				t.Error("no description meta")
			}
			for _, s := range tc.contains {
				if !strings.Contains(page, s) {
					t.Errorf("missing %q", s)
				}
			}
		})
	}
	if page := mustGet(t, "/").Body; !sitetest.HasTag(page, "input", "id", "register-username", "disabled", "") {
		t.Error("the landing page's quick start should be prerendered with its fields disabled")
	}
}

// The directory works without JavaScript: the filter form's query is
// applied when the page is prerendered.
func TestServerDirectoryFiltersWithoutJavaScript(t *testing.T) {
	all := mustGet(t, "/servers").Body
	rowCount := func(page string) int { return len(sitetest.TagsWith(page, "th", "scope", "row")) }
	if got, want := rowCount(all), len(pages.Servers()); got != want {
		t.Fatalf("unfiltered table has %d rows, want all %d servers", got, want)
	}

	filter := pages.ServerFilter{Registration: pages.RegSSO, SortBy: pages.SortBySoftware, Desc: true}
	want := pages.FilterServers(pages.Servers(), filter)
	if len(want) == 0 || len(want) == len(pages.Servers()) {
		t.Fatalf("test filter should keep some servers, keeps %d", len(want))
	}
	page := mustGet(t, "/servers?reg=sso&sort=software:desc").Body
	if got := rowCount(page); got != len(want) {
		t.Errorf("filtered table has %d rows, want %d", got, len(want))
	}
	// Rows come in the filter's order.
	last := -1
	for _, s := range want {
		i := strings.Index(page, ">"+html.EscapeString(s.Name)+"<")
		if i < last {
			t.Errorf("%s is out of order", s.Name)
		}
		last = i
	}
	if !sitetest.HasTag(page, "th", "aria-sort", "descending") || len(sitetest.TagsWith(page, "th", "aria-sort", "ascending")) != 0 {
		t.Error("the sorted column has no aria-sort, or another column has one")
	}
	if selected := sitetest.TagsWith(page, "option", "selected", ""); len(selected) != 8 || !sitetest.HasTag(page, "option", "value", "sso", "selected", "") {
		t.Errorf("%d options selected (want one per select), or the registration filter does not show the chosen value", len(selected))
	}
}

// Each row says, as plain text in the prerendered page, what the live
// client can do on that server: the phrase pages.SignupFacts.Way gives for
// the directory's data, in the table's order.
func TestServerDirectoryShowsSignupPhrases(t *testing.T) {
	page := mustGet(t, "/servers?sort=name").Body
	cells := sitetest.TagsWith(page, "p", "class", "signup-way")
	want := pages.FilterServers(pages.Servers(), pages.ServerFilter{SortBy: pages.SortByName})
	if len(cells) != len(want) {
		t.Fatalf("%d phrases for %d servers", len(cells), len(want))
	}
	kinds := map[string]bool{}
	for i, s := range want {
		w := s.SignupWay()
		if got := sitetest.TextAfter(page, cells[i]); got != w.Phrase {
			t.Errorf("%s: %q, want %q", s.Name, got, w.Phrase)
		}
		if got := cells[i].Attrs["data-way"]; got != string(w.Kind) {
			t.Errorf("%s: data-way %q, want %q", s.Name, got, w.Kind)
		}
		kinds[string(w.Kind)] = true
	}
	if len(kinds) != 4 {
		t.Errorf("the data should show all four kinds of phrase, shows %v", kinds)
	}
}

// Unknown addresses get the friendly page with a real 404 status.
func TestNotFound(t *testing.T) {
	for _, path := range []string{"/nope", "/guide/no-such-chapter", "/guide/"} {
		res := get(t, path)
		if res.Status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, res.Status)
		}
		if !strings.Contains(res.Body, "not found</h1>") || !strings.Contains(res.Body, `class="chapter-list"`) {
			t.Errorf("GET %s: not the friendly not-found page", path)
		}
	}
	if res := get(t, "/web/nope.png"); res.Status != http.StatusNotFound {
		t.Errorf("missing asset: status %d, want 404", res.Status)
	}
}

// Readers must be able to zoom: go-app's default viewport forbids it.
func TestPagesAllowZoom(t *testing.T) {
	page := mustGet(t, "/").Body
	viewports := sitetest.TagsWith(page, "meta", "name", "viewport")
	if len(viewports) != 1 {
		t.Fatalf("%d viewport metas", len(viewports))
	}
	if v := viewports[0].Attrs["content"]; strings.Contains(v, "user-scalable") || strings.Contains(v, "maximum-scale") {
		t.Errorf("the viewport meta still blocks zooming: %q", v)
	}
}

// Prerendered state is public: nothing personal goes into the HTML (the
// live client will only ever run in the browser).
func TestPrerenderedPagesHoldNoUserState(t *testing.T) {
	for _, path := range pageRoutes() {
		page := mustGet(t, path).Body
		for _, secret := range []string{"access_token", "accessToken", "device_id", "mxid", "syt_"} {
			if strings.Contains(page, secret) {
				t.Errorf("%s contains %q", path, secret)
			}
		}
	}
}

// checkTitles checks the page's single <h1> and its <title>.
func checkTitles(t *testing.T, page, h1, title string) {
	t.Helper()
	h1s := sitetest.FindTags(page, "h1")
	if len(h1s) != 1 {
		t.Errorf("%d <h1> elements, want 1", len(h1s))
	} else if got := sitetest.TextAfter(page, h1s[0]); got != h1 {
		t.Errorf("<h1> is %q, want %q", got, h1)
	}
	if titles := sitetest.FindTags(page, "title"); len(titles) != 1 || sitetest.TextAfter(page, titles[0]) != title {
		t.Errorf("<title> is not %q", title)
	}
}

func TestSnapshotCaptionSaysWhenAndWhere(t *testing.T) {
	text := sitetest.VisibleText(mustGet(t, "/servers").Body)
	for _, want := range []string{
		"Snapshot from 22 December 2023 (",
		") of the community list at " + pages.ServersSourceHost + ";",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the caption does not say %q", want)
		}
	}
}

// checkSourcesShown: the page says under its title when it was checked and
// ends with its sources, each a link with its own date, all in the HTML the
// server sends.
func checkSourcesShown(t *testing.T, page string, c pages.Chapter) {
	t.Helper()
	if c.Checked == "" || len(c.Sources) == 0 {
		t.Errorf("%s has no checked date or no sources", c.Slug)
		return
	}
	if !sitetest.HasTag(page, "p", "class", "chapter-checked") || !sitetest.HasTag(page, "time", "datetime", c.Checked) ||
		!strings.Contains(page, ">"+ui.ReadableDate(words.For(c.Language()), c.Checked)+"</time>") {
		t.Errorf("no line under the title saying it was checked on %s", c.Checked)
	}
	if !sitetest.HasTag(page, "h2", "id", reading.SourcesID) {
		t.Errorf("no Sources heading")
	}
	for _, s := range c.Sources {
		if !sitetest.HasTag(page, "a", "href", s.URL, "rel", "noopener") || !strings.Contains(page, html.EscapeString(s.Title)) {
			t.Errorf("source %s (%q) is not linked", s.URL, s.Title)
		}
	}
}
