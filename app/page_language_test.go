//go:build !wasm

package main

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// languageRoutes are the pages of one language to look at: every page,
// a search with hits, and the not-found pages.
func languageRoutes(l pages.Language) []string {
	routes := []string{l.Localize(homeRoute)}
	for _, c := range pages.ChaptersIn(l.Code) {
		routes = append(routes, c.Path())
	}
	return append(routes,
		l.Localize(serversRoute), l.Localize(searchRoute), l.Localize(searchRoute)+"?q=matrix",
		l.Localize(aboutRoute), l.Localize(notFoundRoute), l.Localize("/guide/no-such-chapter"), l.Localize("/nope"))
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
			for _, s := range shownWords(doc) {
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
	all := []string{siteName}
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

// shownWords are the page's <title>, its description, and the text and
// labels of its body, each trimmed, leaving out the chapters' prose and
// search snippets (their words are the chapters'), the live client's
// boxes and go-app's hidden loading screen.
func shownWords(doc *html.Node) []string {
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

// A page in one language links only to pages in that language. The live
// client's boxes are left to its own tests.
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
			if !strings.HasPrefix(href, "/") {
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
