//go:build !wasm

package main

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// languageRoutes are the pages of one language to look at: every page,
// a search with hits, and the not-found pages.
func languageRoutes(l pages.Language) []string {
	routes := []string{l.Localize(ui.HomeRoute)}
	for _, c := range pages.ChaptersIn(l.Code) {
		routes = append(routes, c.Path())
	}
	return append(routes,
		l.Localize(ui.ServersRoute), l.Localize(ui.SearchRoute), l.Localize(ui.SearchRoute)+"?q=matrix",
		l.Localize(ui.AboutRoute), l.Localize(ui.NotFoundRoute), l.Localize("/guide/no-such-chapter"), l.Localize("/nope"))
}

// Every word the shell and the pages around the chapters show comes from
// the catalog: with every sentence marked (words.MarkForTest), each text
// node and each label a reader meets (aria-label, title, alt) outside the
// chapters' own prose and the live client's boxes carries a mark, or is
// data the guide shows as it is (a chapter's title, a server's name, a
// date's digits). Each page also says its language on <html>.
func TestPagesTakeEveryWordFromTheCatalog(t *testing.T) {
	restore := words.MarkForTest(func(s string) string { return "⟦" + s + "⟧" })
	defer restore()
	for _, l := range pages.Languages {
		data := pageData(l.Code)
		for _, route := range languageRoutes(l) {
			doc, err := html.Parse(strings.NewReader(get(t, route).Body))
			if err != nil {
				t.Fatalf("%s: %v", route, err)
			}
			if got := attr(find(doc, "html"), "lang"); got != l.Code {
				t.Errorf("%s: <html lang=%q>, want %q", route, got, l.Code)
			}
			for _, s := range shownPageWords(doc) {
				if !strings.Contains(s, "⟦") && !data[s] && strings.IndexFunc(s, unicode.IsLetter) >= 0 {
					t.Errorf("%s: %q is not from the catalog", route, s)
				}
			}
		}
	}
}

// pageData is what the pages of a language show as it is: names and the
// chapters' own words.
func pageData(lang string) map[string]bool {
	all := []string{ui.SiteName}
	for _, l := range pages.Languages {
		all = append(all, l.Name)
	}
	for _, c := range pages.ChaptersIn(lang) {
		all = append(all, c.Title, c.Description)
		for _, h := range c.Headings {
			all = append(all, h.Text)
		}
		for _, s := range c.Sources {
			all = append(all, s.Title)
		}
	}
	for _, s := range pages.Servers() {
		all = append(append(all, s.Name, s.Domain, s.Jurisdiction, s.Remarks, s.Software,
			s.Software+" "+s.Version), s.Countries()...)
	}
	data := map[string]bool{}
	for _, s := range all {
		data[oneLine(s)] = true
	}
	return data
}

// oneLine is s with its spaces, of any kind, as single plain ones.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// shownPageWords are the page's <title>, its description, and the text and
// labels of its body, each trimmed, leaving out the chapters' prose and
// search snippets (their words are the chapters'), the live client's
// boxes and go-app's hidden loading screen.
func shownPageWords(doc *html.Node) []string {
	var out []string
	add := func(s string) {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	if title := find(doc, "title"); title != nil && title.FirstChild != nil {
		add(title.FirstChild.Data)
	}
	for _, meta := range findAll(doc, "meta") {
		if attr(meta, "name") == "description" {
			add(attr(meta, "content"))
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			add(n.Data)
			return
		case html.ElementNode:
			classes := strings.Fields(attr(n, "class"))
			switch {
			case n.Data == "script", n.Data == "style", n.Data == "head",
				n.Data == "div" && slices.Contains(classes, "prose"),
				slices.Contains(classes, "search-hit-snippet"),
				slices.Contains(classes, "live-client"), slices.Contains(classes, "server-check"),
				attr(n, "id") == "app-wasm-loader":
				return
			}
			for _, a := range []string{"aria-label", "title", "alt", "placeholder"} {
				add(attr(n, a))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// The header's language switch on a chapter links to that chapter in every
// language, each named in its own; the page's own is marked current. The
// hidden offers of the page in the other languages link to it too.
func TestLanguageSwitchLinksTheSamePage(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(mustGet(t, "/de/guide/register").Body))
	if err != nil {
		t.Fatal(err)
	}
	var nav *html.Node
	for _, n := range findAll(doc, "nav") {
		if attr(n, "class") == "lang-switch" {
			nav = n
		}
	}
	if nav == nil || attr(nav, "aria-label") == "" {
		t.Fatal("no labelled <nav class=\"lang-switch\">")
	}
	links := findAll(nav, "a")
	if len(links) != len(pages.Languages) {
		t.Fatalf("%d links, want one per language", len(links))
	}
	for i, l := range pages.Languages {
		a := links[i]
		want := l.Localize("/guide/register")
		if attr(a, "href") != want || attr(a, "hreflang") != l.Code || attr(a, "lang") != l.Code || textOf(a) != l.Name {
			t.Errorf("%s: <a href=%q hreflang=%q lang=%q>%s, want %s", l.Code, attr(a, "href"), attr(a, "hreflang"), attr(a, "lang"), textOf(a), want)
		}
		if current := attr(a, "aria-current") == "true"; current != (l.Code == "de") {
			t.Errorf("%s: aria-current is %q", l.Code, attr(a, "aria-current"))
		}
	}

	var offered []string
	for _, n := range findAll(doc, "div") {
		if attr(n, "class") != "lang-offer" {
			continue
		}
		if !hasAttr(n, "hidden") {
			t.Errorf("the offer in %s is not hidden", attr(n, "lang"))
		}
		code := attr(n, "lang")
		offered = append(offered, code)
		if a := find(n, "a"); a == nil || attr(a, "href") != pages.Localize(code, "/guide/register") || attr(a, "data-hm-lang") != code {
			t.Errorf("the offer in %s does not link to the page in it", code)
		}
		if b := find(n, "button"); b == nil || attr(b, "data-hm-stay") != "de" {
			t.Errorf("the offer in %s has no button keeping German", code)
		}
	}
	if !slices.Equal(offered, []string{"en", "fr", "es", "ja"}) {
		t.Errorf("offers in %v, want every other language", offered)
	}

	// app.js acts on what the page marks (app/site/app_language.go).
	js := mustGet(t, "/app.js").Body
	for _, s := range []string{`"a[data-hm-lang]"`, `"[data-hm-stay]"`, `"data-hm-offer"`, `"` + shell.LanguageStorageKey + `"`, `getElementById("` + shell.MainID + `")`} {
		if !strings.Contains(js, s) {
			t.Errorf("app.js does not look for %s", s)
		}
	}
}

// A page in one language links only to pages in that language, but for
// the language switch and the offers (hreflang). The live client's boxes
// are left to its own tests.
func TestInternalLinksStayInTheirLanguage(t *testing.T) {
	ja := pages.Languages[len(pages.Languages)-1]
	if ja.Code != "ja" {
		t.Fatalf("the last language is %s", ja.Code)
	}
	for _, route := range languageRoutes(ja) {
		doc, err := html.Parse(strings.NewReader(get(t, route).Body))
		if err != nil {
			t.Fatal(err)
		}
		for _, box := range findAll(doc, "section") {
			if slices.Contains(strings.Fields(attr(box, "class")), "live-client") {
				box.Parent.RemoveChild(box)
			}
		}
		body := find(doc, "body")
		for _, n := range append(findAll(body, "a"), findAll(body, "form")...) {
			href := attr(n, "href") + attr(n, "action")
			if !strings.HasPrefix(href, "/") || hasAttr(n, "hreflang") {
				continue
			}
			if path, _, _ := strings.Cut(href, "#"); path != "/ja" && !strings.HasPrefix(path, "/ja/") && !strings.HasPrefix(path, "/ja?") {
				t.Errorf("%s: a link to %s", route, href)
			}
		}
	}
}

func find(n *html.Node, tag string) *html.Node {
	if all := findAll(n, tag); len(all) != 0 {
		return all[0]
	}
	return nil
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

func attr(n *html.Node, name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
