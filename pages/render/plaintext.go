package render

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"hellomatrix/pages"
)

// plainSections extracts the chapter's text without markup, cut into one
// Section per h2/h3 (plus the introduction before the first heading), for the
// offline search. Footnote text is filed under the section that first cites
// it, so a hit in a footnote leads to where the footnote is used.
func plainSections(doc ast.Node, source []byte) []pages.Section {
	sections := []pages.Section{{}}
	lines := [][]string{nil}
	citedIn := map[int]int{} // footnote index → section
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 || n.Level == 3 {
				sections = append(sections, pages.Section{HeadingID: headingID(n), HeadingText: inlineText(n, source, nil)})
				lines = append(lines, nil)
				continue
			}
		case *east.FootnoteList:
			for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
				i, ok := citedIn[fn.(*east.Footnote).Index]
				if !ok {
					i = len(sections) - 1
				}
				lines[i] = append(lines[i], blockText(fn, source, nil)...)
			}
			continue
		}
		cur := len(sections) - 1
		cite := func(index int) {
			if _, ok := citedIn[index]; !ok {
				citedIn[index] = cur
			}
		}
		lines[cur] = append(lines[cur], blockText(n, source, cite)...)
	}
	out := sections[:0]
	for i, s := range sections {
		s.Text = strings.Join(lines[i], "\n")
		if s.HeadingID == "" && s.Text == "" {
			continue // no introduction
		}
		out = append(out, s)
	}
	return out
}

// chapterText joins the sections back into the chapter's whole plain text,
// headings included.
func chapterText(sections []pages.Section) string {
	var parts []string
	for _, s := range sections {
		if s.HeadingText != "" {
			parts = append(parts, s.HeadingText)
		}
		if s.Text != "" {
			parts = append(parts, s.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// blockText is a block as lines of plain text: one line per paragraph, list
// item, table cell or code line. cite is told about footnote references.
func blockText(n ast.Node, source []byte, cite func(index int)) []string {
	switch n := n.(type) {
	case *widgetMarker, *ast.HTMLBlock, *ast.ThematicBreak:
		return nil
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		var out []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			if l := collapseSpace(string(seg.Value(source))); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
		if l := inlineText(n, source, cite); l != "" {
			return []string{l}
		}
		return nil
	}
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, blockText(c, source, cite)...)
	}
	return out
}

// inlineText is the text of n's inline children on one line, as a reader sees
// it: escapes and entities resolved, typographic quotes kept, markup dropped.
func inlineText(n ast.Node, source []byte, cite func(index int)) string {
	var b strings.Builder
	writeInline(&b, n, source, cite)
	return collapseSpace(b.String())
}

func writeInline(b *strings.Builder, n ast.Node, source []byte, cite func(index int)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if c.IsRaw() { // inside a code span, where \ and & are literal
				b.Write(v)
			} else {
				b.WriteString(html.UnescapeString(string(util.UnescapePunctuations(v))))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String: // typographer output, such as "&rsquo;"
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *east.FootnoteLink:
			if cite != nil {
				cite(c.Index)
			}
		case *ast.RawHTML, *east.FootnoteBacklink, *east.TaskCheckBox, *headingAnchor:
			// markup, not text
		default:
			writeInline(b, c, source, cite)
		}
	}
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
