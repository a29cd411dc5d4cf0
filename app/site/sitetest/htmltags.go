package sitetest

import (
	"html"
	"regexp"
	"strings"
)

// go-app writes attributes in map order, which changes from one render to
// the next, so tests look for tags by their attributes rather than by text.

var (
	startTag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>`)
	attribute = regexp.MustCompile(`([^\s=>/]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?`)
)

// Tag is one start tag: its name, attributes, and where it ends in the page.
type Tag struct {
	Name  string
	Attrs map[string]string
	End   int
}

// FindTags returns the start tags named name (all of them for "").
func FindTags(page, name string) []Tag {
	var out []Tag
	for _, m := range startTag.FindAllStringSubmatchIndex(page, -1) {
		t := Tag{Name: strings.ToLower(page[m[2]:m[3]]), Attrs: map[string]string{}, End: m[1]}
		if name != "" && t.Name != name {
			continue
		}
		for _, a := range attribute.FindAllStringSubmatch(page[m[4]:m[5]], -1) {
			t.Attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2] + a[3] + a[4])
		}
		out = append(out, t)
	}
	return out
}

// HasTag reports whether the page has a name tag with all of attrs (given
// as name, value pairs).
func HasTag(page, name string, attrs ...string) bool {
	return len(TagsWith(page, name, attrs...)) != 0
}

func TagsWith(page, name string, attrs ...string) []Tag {
	var out []Tag
	for _, t := range FindTags(page, name) {
		ok := true
		for i := 0; i+1 < len(attrs); i += 2 {
			if v, has := t.Attrs[attrs[i]]; !has || v != attrs[i+1] {
				ok = false
			}
		}
		if ok {
			out = append(out, t)
		}
	}
	return out
}

// TextAfter is the text content right after a start tag, up to the next tag,
// with whitespace collapsed.
func TextAfter(page string, t Tag) string {
	rest := page[t.End:]
	if i := strings.Index(rest, "<"); i >= 0 {
		rest = rest[:i]
	}
	return strings.Join(strings.Fields(html.UnescapeString(rest)), " ")
}

// VisibleText is the page's text with tags removed and whitespace collapsed,
// roughly what a reader sees.
func VisibleText(page string) string {
	page = regexp.MustCompile(`(?s)<(script|style|head)\b.*?</(script|style|head)>`).ReplaceAllString(page, " ")
	page = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
	return strings.Join(strings.Fields(html.UnescapeString(page)), " ")
}
