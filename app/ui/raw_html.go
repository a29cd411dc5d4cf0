package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// RawHTML is a fixed piece of the page, with no handlers of its own, given
// to go-app as HTML (its text escaped with HTMLEscaper). go-app mounts it
// with one innerHTML instead of building each element and text node with
// calls from the WASM into the page, which for a long list is most of the
// time from the reader's first intent to a page that takes input
// (BENCHMARKS.md). The server writes the same HTML into the prerendered
// page, so nothing moves when the app mounts over it; when the HTML changes
// go-app replaces the piece whole.
func RawHTML(html string) app.UI { return app.Raw(html) }
