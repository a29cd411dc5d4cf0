package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"hellomatrix/pages"
)

// chapterNameRe is the file naming scheme: the number gives the reading
// order, the rest becomes the route /guide/<slug>.
var chapterNameRe = regexp.MustCompile(`^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$`)

// Render turns every chapters/NN-slug.md in src into a Chapter, in reading
// order; src is the pages folder. It runs at build time (go generate),
// and what the app gets is Go, not this: chapters.gen.go, which package
// pages is compiled with, so nothing parses Markdown or decodes JSON when
// the WASM starts.
func Render(src fs.FS) ([]pages.Chapter, error) { return RenderLanguage(src, pages.English) }

// RenderLanguage is Render for one of pages.Languages: English from
// chapters/*.md, another language from chapters/<code>/*.md, with the same
// file names. Its links inside the guide get the language's prefix
// (/guide/register becomes /de/guide/register), so a translation links
// exactly as the English text does.
func RenderLanguage(src fs.FS, lang string) ([]pages.Chapter, error) {
	pattern := "chapters/*.md"
	if lang != pages.English {
		pattern = "chapters/" + lang + "/*.md"
	}
	files, err := fs.Glob(src, pattern)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no chapters: %s matches nothing", pattern)
	}
	md := newMarkdown()
	words := wordsFor(lang)
	var chs []pages.Chapter
	numbers, slugs := map[int]string{}, map[string]string{}
	for _, file := range files {
		name := path.Base(file)
		m := chapterNameRe.FindStringSubmatch(name)
		if m == nil {
			return nil, fmt.Errorf("%s: chapter files are named NN-slug.md, e.g. 04-register.md", file)
		}
		number, _ := strconv.Atoi(m[1])
		slug := m[2]
		if number == 0 {
			return nil, fmt.Errorf("%s: chapters are numbered from 01", file)
		}
		if other, dup := numbers[number]; dup {
			return nil, fmt.Errorf("%s and %s have the same number", other, name)
		}
		if other, dup := slugs[slug]; dup {
			return nil, fmt.Errorf("%s and %s have the same slug", other, name)
		}
		numbers[number], slugs[slug] = name, name
		data, err := fs.ReadFile(src, file)
		if err != nil {
			return nil, err
		}
		ch, err := renderChapter(md, words, number, slug, data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		chs = append(chs, ch)
	}
	sort.Slice(chs, func(i, j int) bool { return chs[i].Number < chs[j].Number })
	return chs, nil
}

// mdSource is a chapter's Markdown body and the file line it starts on, so
// errors can name lines of the file rather than of the body.
type mdSource struct {
	text      []byte
	firstLine int
}

func (s mdSource) lineOf(offset int) int {
	return s.firstLine + bytes.Count(s.text[:offset], []byte("\n"))
}

func renderChapter(md goldmark.Markdown, words languageWords, number int, slug string, data []byte) (pages.Chapter, error) {
	raw := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	fm, body, bodyLine, err := parseFrontMatter(raw)
	if err != nil {
		return pages.Chapter{}, err
	}
	src := mdSource{text: []byte(body), firstLine: bodyLine}

	doc := md.Parser().Parse(text.NewReader(src.text))
	if err := replaceMarkers(doc, src); err != nil {
		return pages.Chapter{}, err
	}
	if err := prepareLinks(doc, src, words.prefix); err != nil {
		return pages.Chapter{}, err
	}
	headings := addHeadingAnchors(doc, src.text, words.anchorLabel)
	sections := plainSections(doc, src.text)

	var out bytes.Buffer
	if err := md.Renderer().Render(&out, src.text, doc); err != nil {
		return pages.Chapter{}, err
	}
	if len(headings) == 0 {
		headings = []pages.Heading{}
	}
	return pages.Chapter{
		Number:      number,
		Slug:        slug,
		Title:       fm.Title,
		Description: fm.Description,
		Parts:       splitParts(wrapTables(out.String())),
		Headings:    headings,
		Text:        chapterText(sections),
		Sections:    sections,
		Checked:     fm.Checked,
		Sources:     fm.Sources,
	}, nil
}

// headingIDRe finds the ids of h2 and h3 headings in rendered HTML.
var headingIDRe = regexp.MustCompile(`<h[23] id="([^"]+)"`)

// wrapTables puts each table in a box that scrolls sideways on a narrow
// screen, as the directory's table does, instead of widening the page. The
// box can take the keyboard focus so it can be scrolled without a mouse,
// and is named after the heading above the table.
func wrapTables(body string) string {
	var b strings.Builder
	rest := body
	for {
		before, after, found := strings.Cut(rest, "<table>")
		if !found {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(before)
		label := ""
		done := b.String()
		if m := headingIDRe.FindAllStringSubmatch(done, -1); len(m) > 0 {
			label = ` aria-labelledby="` + m[len(m)-1][1] + `"`
		}
		b.WriteString(`<div class="table-scroll" role="region" tabindex="0"` + label + `><table>`)
		table, tail, _ := strings.Cut(after, "</table>")
		b.WriteString(rowHeaders(table) + "</table></div>")
		rest = tail
	}
}

// rowHeaders makes the first cell of each body row the header of its row,
// as the guide's tables name a row in their first column, so a screen
// reader announces "Phone number needed" with each "yes" or "no".
func rowHeaders(table string) string {
	head, body, ok := strings.Cut(table, "<tbody>")
	if !ok {
		return table
	}
	rows := strings.Split(body, "<tr>\n")
	for i, r := range rows {
		if cell, rest, ok := strings.Cut(r, "</td>"); ok && strings.HasPrefix(cell, "<td") {
			rows[i] = `<th scope="row"` + strings.TrimPrefix(cell, "<td") + "</th>" + rest
		}
	}
	return head + "<tbody>" + strings.Join(rows, "<tr>\n")
}

// splitParts cuts the rendered body at the widget sentinels. Each HTML part is
// wrapped in one element so the app can hand it to app.Raw, which takes a
// single root. Footnotes are rendered once, at the end of the document, so
// they land in the last HTML part and their #fn:/#fnref: ids stay on the page.
func splitParts(body string) []pages.Part {
	parts := []pages.Part{}
	addHTML := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, pages.Part{HTML: `<div class="prose">` + "\n" + s + "\n</div>"})
		}
	}
	rest := body
	for {
		before, after, found := strings.Cut(rest, sentinelOpen)
		if !found {
			break
		}
		name, after, _ := strings.Cut(after, sentinelClose)
		addHTML(before)
		parts = append(parts, pages.Part{Widget: name})
		rest = after
	}
	addHTML(rest)
	return parts
}
