package words

import "strings"

// marking, when set, wraps every piece of a sentence's own text as the
// catalogs load (MarkForTest).
var marking func(text string) string

// MarkForTest is for tests only: until restore is called, every language
// speaks English with each piece of each sentence's own text wrapped by
// mark ("Chapter {number} of {count}" reads "⟦Chapter ⟧{number}⟦ of
// ⟧{count}"), placeholders left to be filled. A test can then tell every
// word a page took from the catalog from a word written in code, which
// lacks the marks. Tests that use it must not run in parallel with others:
// it changes the catalogs for the whole process.
func MarkForTest(mark func(text string) string) (restore func()) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	saved := catalogs
	catalogs, marking = map[string]*Words{}, mark
	return func() {
		catalogMu.Lock()
		defer catalogMu.Unlock()
		catalogs, marking = saved, nil
	}
}

// marked is text with each run between its placeholders wrapped by mark.
func marked(text string, mark func(string) string) string {
	var b strings.Builder
	for text != "" {
		open := strings.IndexByte(text, '{')
		end := -1
		if open >= 0 {
			end = strings.IndexByte(text[open:], '}')
		}
		if end < 0 {
			b.WriteString(mark(text))
			break
		}
		if open > 0 {
			b.WriteString(mark(text[:open]))
		}
		b.WriteString(text[open : open+end+1])
		text = text[open+end+1:]
	}
	return b.String()
}
