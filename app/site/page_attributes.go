package site

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
)

// fixAttributes writes the attributes go-app prerenders the way HTML reads
// them. go-app writes each value with strconv.Quote, which is Go's quoting,
// not HTML's: a character Go does not call printable, such as the no-break
// space French puts before a colon, comes out as the six characters
// \u00a0, which the browser shows as they are (in a description, a title,
// an aria-label), and a double quote as \", which ends the value early.
// Such values are read back and written as HTML. And it writes the value
// "true" as a bare attribute, which is right for hidden or disabled, but a
// bare aria-current or aria-invalid is the empty string, which ARIA reads
// as false; those get their "true" back. Only go-app's own writing is
// touched: the chapters' HTML (goldmark's) writes a quote as &quot;, has
// no escapes of Go's, and no bare aria-* attribute.
func fixAttributes(page []byte) []byte {
	if !bytes.Contains(page, []byte(`\`)) && !bareARIA.Match(page) {
		return page
	}
	return startTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		tag = bareARIA.ReplaceAll(tag, []byte(`$1="true"$2`))
		if !bytes.Contains(tag, []byte(`\`)) {
			return tag
		}
		return quotedValue.ReplaceAllFunc(tag, func(value []byte) []byte {
			if !bytes.Contains(value, []byte(`\`)) {
				return value
			}
			v, err := strconv.Unquote(string(value[1:]))
			if err != nil {
				return value
			}
			return []byte(`="` + html.EscapeString(v) + `"`)
		})
	})
}

var (
	// startTag is a start tag as go-app writes one: each value in double
	// quotes, with Go's escapes.
	startTag    = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'=<>/]+(?:="(?:[^"\\]|\\.)*")?)*\s*/?>`)
	quotedValue = regexp.MustCompile(`="(?:[^"\\]|\\.)*"`)
	bareARIA    = regexp.MustCompile(`(\saria-[a-z]+)(\s|/?>)`)
)
