package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// newMarkdown is the one goldmark configuration every chapter goes through.
//
// Raw HTML stays disabled (no html.WithUnsafe): chapters are prose, and an
// accidental <script> or unbalanced <div> would end up inside the app's DOM.
// goldmark replaces such HTML with a harmless comment.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		// WithAttribute: a translated heading names its English id, {#id}.
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(guideNodeRenderer{}, 500)),
		),
	)
}

// The two node kinds below are added to the AST after parsing (see
// markers.go and anchors.go); guideNodeRenderer turns them into HTML.

var kindWidgetMarker = ast.NewNodeKind("WidgetMarker")

// widgetMarker stands where a `{{live-client NAME}}` paragraph was. It renders
// as a sentinel comment that Render later cuts the HTML at.
type widgetMarker struct {
	ast.BaseBlock
	Name string
}

func (n *widgetMarker) Kind() ast.NodeKind { return kindWidgetMarker }

func (n *widgetMarker) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

var kindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

// headingAnchor is the visible "#" link at the end of an h2/h3.
type headingAnchor struct {
	ast.BaseInline
	ID    string
	Label string // "Link to this section", in the chapter's language
}

func (n *headingAnchor) Kind() ast.NodeKind { return kindHeadingAnchor }

func (n *headingAnchor) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID}, nil)
}

type guideNodeRenderer struct{}

func (guideNodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindWidgetMarker, renderWidgetMarker)
	reg.Register(kindHeadingAnchor, renderHeadingAnchor)
}

// widgetSentinel is what a marker renders as. With raw HTML disabled no chapter
// text can produce "<!--", so the sentinel cannot be forged by content.
func widgetSentinel(name string) string { return sentinelOpen + name + sentinelClose }

const (
	sentinelOpen  = "<!--live-client:"
	sentinelClose = "-->\n"
)

func renderWidgetMarker(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(widgetSentinel(node.(*widgetMarker).Name))
	}
	return ast.WalkSkipChildren, nil
}

func renderHeadingAnchor(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		a := node.(*headingAnchor)
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML([]byte(a.ID)))
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(a.Label)))
		_, _ = w.WriteString(`">#</a>`)
	}
	return ast.WalkSkipChildren, nil
}
