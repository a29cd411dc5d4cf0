package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"hellomatrix/pages"
)

// chapterFS builds an in-memory chapters/ directory from file name → content.
func chapterFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		m["chapters/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

const fm = "---\ntitle: A title\ndescription: A description\n---\n"

func renderOne(t *testing.T, body string) pages.Chapter {
	t.Helper()
	chs, err := Render(chapterFS(map[string]string{"01-one.md": fm + body}))
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return chs[0]
}

func renderErr(t *testing.T, files map[string]string) error {
	t.Helper()
	_, err := Render(chapterFS(files))
	if err == nil {
		t.Fatal("Render succeeded, want an error")
	}
	return err
}

func TestRenderNamesAndOrder(t *testing.T) {
	chs, err := Render(chapterFS(map[string]string{
		"02-second-one.md": "---\ntitle: Two\ndescription: 'Second: the sequel'\n---\nText.\n",
		"01-first.md":      "---\ntitle: \"One\"\ndescription: First\n---\nText.\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(chs) != 2 || chs[0].Slug != "first" || chs[0].Number != 1 || chs[1].Slug != "second-one" || chs[1].Number != 2 {
		t.Fatalf("got %+v", chs)
	}
	if chs[0].Title != "One" || chs[1].Description != "Second: the sequel" {
		t.Errorf("quotes not stripped: %q, %q", chs[0].Title, chs[1].Description)
	}
}

func TestRenderErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no chapters", map[string]string{}, "no chapters"},
		{"bad file name", map[string]string{"one.md": fm}, "NN-slug.md"},
		{"duplicate number", map[string]string{"01-a.md": fm, "01-b.md": fm}, "same number"},
		{"missing front matter", map[string]string{"01-a.md": "# Hello\n"}, "missing front matter"},
		{"unclosed front matter", map[string]string{"01-a.md": "---\ntitle: x\n"}, "not closed"},
		{"no description", map[string]string{"01-a.md": "---\ntitle: x\n---\n"}, "no description"},
		{"unknown key", map[string]string{"01-a.md": "---\ntitle: x\ndescripton: y\n---\n"}, `unknown key "descripton"`},
		{"unknown marker", map[string]string{"01-a.md": fm + "Hi.\n\n{{live-client teleport}}\n"}, `line 7: unknown live-client "teleport"`},
		{"marker twice", map[string]string{"01-a.md": fm + "{{live-client login}}\n\n{{live-client login}}\n"}, "used twice"},
		{"marker inside text", map[string]string{"01-a.md": fm + "Try it: {{live-client login}}\n"}, "paragraph of its own"},
		{"marker in a list", map[string]string{"01-a.md": fm + "- {{live-client login}}\n"}, "paragraph of its own"},
		{"relative link", map[string]string{"01-a.md": fm + "See [login](05-login.md).\n"}, `line 5: link "05-login.md" is relative`},
		{"bad checked date", map[string]string{"01-a.md": "---\ntitle: x\ndescription: y\nchecked: 7 Dec 2026\n---\n"}, "line 4: checked: \"7 Dec 2026\" is not a date"},
		{"checked twice", map[string]string{"01-a.md": "---\ntitle: x\ndescription: y\nchecked: 2026-12-07\nchecked: 2026-12-07\n---\n"}, "checked is given twice"},
		{"source without date", map[string]string{"01-a.md": "---\ntitle: x\ndescription: y\nsource: https://example.org | Example\n---\n"}, "want `YYYY-MM-DD | https://… | title`"},
		{"source over http", map[string]string{"01-a.md": "---\ntitle: x\ndescription: y\nsource: 2026-12-07 | http://example.org | Example\n---\n"}, "want an https address"},
		{"source without title", map[string]string{"01-a.md": "---\ntitle: x\ndescription: y\nsource: 2026-12-07 | https://example.org |  \n---\n"}, "has no title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := renderErr(t, tc.files)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestCheckedAndSources(t *testing.T) {
	chs, err := Render(chapterFS(map[string]string{"01-a.md": "---\ntitle: x\ndescription: y\nchecked: 2026-12-07\n" +
		"source: 2026-12-01 | https://example.org/one | First page\n" +
		"source: 2026-12-07 | https://example.org/two?a=b | Second: with a colon\n---\nText.\n"}))
	if err != nil {
		t.Fatal(err)
	}
	c := chs[0]
	want := []pages.Source{
		{Title: "First page", URL: "https://example.org/one", Checked: "2026-12-01"},
		{Title: "Second: with a colon", URL: "https://example.org/two?a=b", Checked: "2026-12-07"},
	}
	if c.Checked != "2026-12-07" || len(c.Sources) != 2 || c.Sources[0] != want[0] || c.Sources[1] != want[1] {
		t.Errorf("checked %q, sources %+v; want 2026-12-07 and %+v", c.Checked, c.Sources, want)
	}
}

func TestMarkerSplitsBody(t *testing.T) {
	c := renderOne(t, "Intro.\n\n## Before\n\nText.\n\n{{live-client server-picker}}\n\n## After\n\nMore.\n\n{{ live-client  register }}\n")
	if len(c.Parts) != 4 {
		t.Fatalf("want 4 parts (html, widget, html, widget), got %d: %+v", len(c.Parts), c.Parts)
	}
	if c.Parts[1].Widget != pages.WidgetServerPicker || c.Parts[3].Widget != pages.WidgetRegister {
		t.Errorf("widgets: %+v", c.Parts)
	}
	for _, i := range []int{0, 2} {
		p := c.Parts[i]
		if p.Widget != "" || !strings.HasPrefix(p.HTML, `<div class="prose">`) || !strings.HasSuffix(p.HTML, "</div>") ||
			strings.Count(p.HTML, "<div") != strings.Count(p.HTML, "</div>") {
			t.Errorf("part %d is not one wrapped element: %q", i, p.HTML)
		}
		if strings.Contains(p.HTML, "live-client") {
			t.Errorf("part %d still holds the marker: %q", i, p.HTML)
		}
	}
	if !strings.Contains(c.Parts[0].HTML, "Before") || !strings.Contains(c.Parts[2].HTML, "After") {
		t.Errorf("text in the wrong part: %+v", c.Parts)
	}
	if strings.Contains(c.Text, "live-client") {
		t.Errorf("marker leaked into the search text: %q", c.Text)
	}
}

func TestMarkerInCodeIsText(t *testing.T) {
	c := renderOne(t, "Write `{{live-client login}}` on its own line.\n")
	if len(c.Parts) != 1 || c.Parts[0].Widget != "" || !strings.Contains(c.Parts[0].HTML, "<code>{{live-client login}}</code>") {
		t.Errorf("got %+v", c.Parts)
	}
}

func TestFootnotesAcrossSplit(t *testing.T) {
	c := renderOne(t, "## One\n\nA claim[^a].\n\n{{live-client login}}\n\n## Two\n\nAnother[^b] and again[^a].\n\n[^a]: The first note.\n[^b]: The second note.\n")
	if len(c.Parts) != 3 {
		t.Fatalf("want 3 parts, got %+v", c.Parts)
	}
	first, last := c.Parts[0].HTML, c.Parts[2].HTML
	if !strings.Contains(first, `<sup id="fnref:1"><a href="#fn:1"`) {
		t.Errorf("reference before the widget is missing: %q", first)
	}
	if strings.Contains(first, "footnotes") {
		t.Errorf("footnote list must come after all the text: %q", first)
	}
	for _, want := range []string{`class="footnotes"`, `<li id="fn:1">`, `<li id="fn:2">`, `href="#fnref:1"`, `href="#fnref1:1"`, `href="#fnref:2"`, "The first note."} {
		if !strings.Contains(last, want) {
			t.Errorf("last part lacks %s: %q", want, last)
		}
	}
	if err := CheckLinks([]pages.Chapter{c}); err != nil {
		t.Errorf("footnote links do not resolve: %v", err)
	}
	// A footnote's text is searchable in the section that cites it first.
	if s := c.Sections[0]; s.HeadingID != "one" || !strings.Contains(s.Text, "The first note.") {
		t.Errorf("section one: %+v", s)
	}
	if s := c.Sections[1]; s.HeadingID != "two" || !strings.Contains(s.Text, "The second note.") || strings.Contains(s.Text, "The first note.") {
		t.Errorf("section two: %+v", s)
	}
}

func TestHeadingAnchors(t *testing.T) {
	c := renderOne(t, "## Why *not* matrix.org?\n\n### Small print\n\n#### Too deep\n\n## Small print\n")
	want := []pages.Heading{{Level: 2, ID: "why-not-matrixorg", Text: "Why not matrix.org?"}, {Level: 3, ID: "small-print", Text: "Small print"}, {Level: 2, ID: "small-print-1", Text: "Small print"}}
	if len(c.Headings) != len(want) {
		t.Fatalf("headings %+v, want %+v", c.Headings, want)
	}
	for i := range want {
		if c.Headings[i] != want[i] {
			t.Errorf("heading %d = %+v, want %+v", i, c.Headings[i], want[i])
		}
	}
	html := c.Parts[0].HTML
	for _, s := range []string{
		`<h2 id="why-not-matrixorg">Why <em>not</em> matrix.org? <a class="anchor" href="#why-not-matrixorg" aria-label="Link to this section">#</a></h2>`,
		`<h3 id="small-print">Small print <a class="anchor" href="#small-print" aria-label="Link to this section">#</a></h3>`,
		`<h4 id="too-deep">Too deep</h4>`,
	} {
		if !strings.Contains(html, s) {
			t.Errorf("missing %s in %s", s, html)
		}
	}
}

func TestLinks(t *testing.T) {
	c := renderOne(t, "See [spec](https://spec.matrix.org/), https://example.org/x, www.example.com, [next](/guide/two#top), [dir](/servers), [up](#one) and mail@example.org.\n\n## One\n")
	html := c.Parts[0].HTML
	for _, s := range []string{
		`<a href="https://spec.matrix.org/" rel="noopener">spec</a>`,
		`<a href="https://example.org/x" rel="noopener">https://example.org/x</a>`,
		`<a href="http://www.example.com" rel="noopener">www.example.com</a>`,
		`<a href="/guide/two#top">next</a>`,
		`<a href="/servers">dir</a>`,
		`<a href="mailto:mail@example.org">mail@example.org</a>`,
	} {
		if !strings.Contains(html, s) {
			t.Errorf("missing %s in %s", s, html)
		}
	}
}

func TestCheckLinks(t *testing.T) {
	chs := []pages.Chapter{
		{Slug: "one", Parts: []pages.Part{{HTML: `<h2 id="a">A</h2><a href="/guide/two#b">ok</a><a href="#a">ok</a><a href="/servers">ok</a><a href="https://x.org/#nope">ok</a>`}}},
		{Slug: "two", Parts: []pages.Part{{Widget: pages.WidgetLogin}, {HTML: `<h2 id="b">B</h2><a href="/guide/three">x</a><a href="/guide/one#zz">x</a><a href="#nope">x</a><a href="/about">x</a><a href="/servers#x">x</a>`}}},
	}
	err := CheckLinks(chs)
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{`no chapter "three"`, `chapter one has no id "zz"`, `chapter two has no id "nope"`, `"/about": not a route`, `"/servers#x"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q not reported in:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "chapter one: link") {
		t.Errorf("good links reported:\n%v", err)
	}
}

func TestRawHTMLIsNotPassedThrough(t *testing.T) {
	c := renderOne(t, "<script>alert(1)</script>\n\nHello <b onclick=\"x()\">there</b>.\n\n<div class=\"x\">\nblock\n</div>\n")
	html := c.Parts[0].HTML
	for _, bad := range []string{"<script", "<b ", "onclick", `<div class="x"`} {
		if strings.Contains(html, bad) {
			t.Errorf("raw HTML %q passed through: %s", bad, html)
		}
	}
	if strings.Contains(c.Text, "script") || strings.Contains(c.Text, "alert") {
		t.Errorf("raw HTML in the search text: %q", c.Text)
	}
}

func TestPlainText(t *testing.T) {
	c := renderOne(t, "Intro with *emphasis*, `co\\de`, \\*stars\\* and &amp; \"quotes\" -- don't.\n\n"+
		"## Table\n\n| Name | Open |\n|------|------|\n| envs.net | yes |\n\n- [x] done\n- ~~gone~~ item\n\n```\ncode  block\n```\n")
	if len(c.Sections) != 2 {
		t.Fatalf("sections: %+v", c.Sections)
	}
	intro := c.Sections[0]
	if intro.HeadingID != "" || intro.Text != "Intro with emphasis, co\\de, *stars* and & “quotes” – don’t." {
		t.Errorf("intro: %q", intro.Text)
	}
	table := c.Sections[1]
	if table.HeadingID != "table" || table.HeadingText != "Table" || table.Text != "Name\nOpen\nenvs.net\nyes\ndone\ngone item\ncode block" {
		t.Errorf("table section: %+v", table)
	}
	if c.Text != intro.Text+"\nTable\n"+table.Text {
		t.Errorf("chapter text: %q", c.Text)
	}
}

// A table scrolls in its own focusable box, named after the heading above it.
func TestTablesScrollInABox(t *testing.T) {
	c := renderOne(t, "## First\n\nText.\n\n## Side by side\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nAfter.\n")
	html := c.Parts[0].HTML
	want := `<div class="table-scroll" role="region" tabindex="0" aria-labelledby="side-by-side"><table>`
	if !strings.Contains(html, want) || !strings.Contains(html, "</table></div>") {
		t.Errorf("table not wrapped as %q:\n%s", want, html)
	}
	if !strings.Contains(html, "<tr>\n<th scope=\"row\">1</th>\n<td>2</td>") || !strings.Contains(html, "<th>a</th>") {
		t.Errorf("the first cell of a body row is not its row header:\n%s", html)
	}
	if strings.Count(html, "<table>") != 1 {
		t.Errorf("table rendered %d times", strings.Count(html, "<table>"))
	}
}
