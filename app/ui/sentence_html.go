package ui

import (
	"strings"
)

// SentenceHTML is a catalog sentence with an element in it ("Checked
// against {sources} on {date}", asked for without those values so the
// placeholders stay) as HTML: its words escaped, and each placeholder
// named in parts (name, HTML pairs) replaced by that HTML. The sentence
// stays one key, its words around the element in whatever order the
// language needs, and one piece of HTML (RawHTML): go-app writes each
// child element on a line of its own, which shows as a space the
// language may not have.
func SentenceHTML(sentence string, parts ...string) string {
	out := HTMLEscaper.Replace(sentence)
	for i := 0; i+1 < len(parts); i += 2 {
		out = strings.ReplaceAll(out, "{"+parts[i]+"}", parts[i+1])
	}
	return out
}

// LinkHTML is a link as HTML, its text escaped.
func LinkHTML(href, text string, attrs ...string) string {
	var b strings.Builder
	b.WriteString(`<a href="` + HTMLEscaper.Replace(href) + `"`)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.WriteString(" " + attrs[i] + `="` + HTMLEscaper.Replace(attrs[i+1]) + `"`)
	}
	b.WriteString(">" + HTMLEscaper.Replace(text) + "</a>")
	return b.String()
}
