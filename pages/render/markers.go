package render

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark/ast"

	"hellomatrix/pages"
)

// markerRe matches a paragraph that is nothing but a live-client marker.
var markerRe = regexp.MustCompile(`^\{\{\s*live-client\s+([^\s{}]+)\s*\}\}$`)

// markerStart is how every marker begins; finding it anywhere else in the text
// means a marker that would silently be printed as text.
var markerStart = []byte("{{live-client")

// replaceMarkers swaps each `{{live-client NAME}}` paragraph for a widgetMarker
// node. Markers must be top-level paragraphs: the HTML is cut there, and a cut
// inside a list or quote would leave unbalanced tags in both halves.
func replaceMarkers(doc ast.Node, src mdSource) error {
	seen := map[string]bool{}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if p, ok := n.(*ast.Paragraph); ok {
			raw := bytes.TrimSpace(blockLines(p, src.text))
			if m := markerRe.FindSubmatch(raw); m != nil {
				name := string(m[1])
				line := src.lineOf(p.Lines().At(0).Start)
				if !pages.IsWidget(name) {
					return fmt.Errorf("line %d: unknown live-client %q (known: %v)", line, name, pages.Widgets())
				}
				if seen[name] {
					return fmt.Errorf("line %d: live-client %q is used twice in this chapter", line, name)
				}
				seen[name] = true
				doc.ReplaceChild(doc, p, &widgetMarker{Name: name})
			}
		}
		n = next
	}
	return findStrayMarkers(doc, src)
}

// findStrayMarkers reports marker text left in the AST after replaceMarkers:
// one sharing its paragraph with other text, or nested in a list or quote.
// Code spans and blocks are exempt, so a chapter may show the syntax.
func findStrayMarkers(doc ast.Node, src mdSource) error {
	var err error
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if bytes.Contains(n.Segment.Value(src.text), markerStart) {
				err = fmt.Errorf("line %d: a {{live-client ...}} marker must be a paragraph of its own, outside lists and quotes", src.lineOf(n.Segment.Start))
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return err
}

// blockLines is the raw Markdown of a block, before inline parsing.
func blockLines(n ast.Node, source []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(source)...)
	}
	return b
}
