package render

import (
	"github.com/yuin/goldmark/ast"

	"hellomatrix/pages"
)

// addHeadingAnchors gives every h2/h3 a visible link to itself, so readers can
// copy a link to a section, and returns those headings for the table of
// contents. The ids come from parser.WithAutoHeadingID, or from the
// heading's own {#id} (a translation keeps the English heading's id), and
// are unique within the chapter.
func addHeadingAnchors(doc ast.Node, source []byte, label string) []pages.Heading {
	var headings []pages.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if h.Level == 2 || h.Level == 3 {
			id := headingID(h)
			headings = append(headings, pages.Heading{Level: h.Level, ID: id, Text: inlineText(h, source, nil)})
			h.AppendChild(h, &headingAnchor{ID: id, Label: label})
		}
		return ast.WalkSkipChildren, nil
	})
	return headings
}

// headingID reads the id the auto-id parser option stored on the heading.
func headingID(h *ast.Heading) string {
	v, ok := h.AttributeString("id")
	if !ok {
		return ""
	}
	switch id := v.(type) {
	case []byte:
		return string(id)
	case string:
		return id
	}
	return ""
}
