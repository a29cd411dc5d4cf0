package matrix

import (
	"strings"
	"unicode"
)

// oneLine makes text from another party (a display name, a server's error
// description) fit to show as one line: control and formatting characters
// (newlines, bidi overrides that would reorder the line around it) become
// spaces, runs of spaces collapse, and it is cut to max characters with an
// ellipsis. It is still shown as text, never as markup.
func oneLine(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}
