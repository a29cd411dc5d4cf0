package reading

import (
	"strings"
	"unicode"

	"hellomatrix/app/ui"
)

// highlightHTML returns text as HTML with each word of the query wrapped in
// <mark>, ignoring case. It is raw HTML rather than go-app elements because
// go-app's prerenderer puts line breaks between an element's children, which
// would show up as a space between a <mark> and the comma after it.
//
// It works on runes, lower-casing one rune at a time, so positions in the
// lowered copy match the original even outside ASCII.
func highlightHTML(text, query string) string {
	runes := []rune(text)
	lower := make([]rune, len(runes))
	for i, r := range runes {
		lower[i] = unicode.ToLower(r)
	}

	marked := make([]bool, len(runes))
	for _, word := range strings.Fields(strings.ToLower(query)) {
		w := []rune(word)
		for i := 0; i+len(w) <= len(lower); i++ {
			if string(lower[i:i+len(w)]) == word {
				for j := i; j < i+len(w); j++ {
					marked[j] = true
				}
			}
		}
	}

	var b strings.Builder
	for start := 0; start < len(runes); {
		end := start
		for end < len(runes) && marked[end] == marked[start] {
			end++
		}
		chunk := ui.HTMLEscaper.Replace(string(runes[start:end]))
		if marked[start] {
			b.WriteString("<mark>" + chunk + "</mark>")
		} else {
			b.WriteString(chunk)
		}
		start = end
	}
	return b.String()
}
