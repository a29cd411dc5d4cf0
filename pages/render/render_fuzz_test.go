package render

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hellomatrix/pages"
)

// FuzzRenderChapter feeds arbitrary Markdown through the chapter pipeline.
// Rendering may refuse a chapter (relative links, stray markers), but must
// never panic, and what it accepts must be safe to hand to app.Raw: no
// script, no javascript: links, no HTML from the input (raw HTML is
// disabled, so every tag must be one goldmark or our renderer writes), and
// only known widgets. Seeds: the real chapters, the cases below, and
// testdata/fuzz/FuzzRenderChapter/.
func FuzzRenderChapter(f *testing.F) {
	chapters, _ := filepath.Glob("../chapters/*.md")
	for _, file := range chapters {
		if raw, err := os.ReadFile(file); err == nil {
			if _, body, _, err := parseFrontMatter(string(raw)); err == nil {
				f.Add(body)
			}
		}
	}
	for _, s := range []string{
		"<script>alert(1)</script>\n",
		"Hi <img src=x onerror=alert(1)> there\n",
		"[click](javascript:alert(1))\n",
		"[click](JaVaScRiPt:alert(1))\n",
		"<javascript:alert(1)>\n",
		"![x](data:text/html;base64,PHNjcmlwdD4=)\n",
		"[x](/guide/register \"t\\\" onmouseover=\\\"alert(1)\")\n",
		"{{live-client register}}\n\n{{live-client first-message}}\n",
		"<!--live-client:register-->\n",
		"`<!--live-client:register-->`\n",
		"## pages.Heading <b>bold</b> {#id onclick=x}\n",
		"Footnote[^1].\n\n[^1]: <script>x</script>\n",
		"| a | b |\n|---|:-:|\n| <i>1</i> | 2 |\n",
		"- [x] done\n- [ ] <em>todo</em>\n",
		"```html\n<script>\n```\n",
		"<div>\n*block*\n</div>\n",
		"https://example.org/<script>\n",
		"&lt;script&gt; &#x3C;script&#x3E;\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		chs, err := Render(chapterFS(map[string]string{"01-fuzz.md": fm + body}))
		if err != nil {
			return
		}
		if len(chs) != 1 {
			t.Fatalf("Render gave %d chapters for one file", len(chs))
		}
		for _, p := range chs[0].Parts {
			switch {
			case p.Widget != "" && p.HTML != "":
				t.Fatalf("a part is both widget %q and HTML", p.Widget)
			case p.Widget != "":
				if !pages.IsWidget(p.Widget) {
					t.Fatalf("unknown widget %q from %q", p.Widget, body)
				}
			default:
				checkSafeHTML(t, p.HTML, body)
			}
		}
	})
}

var (
	tagRe     = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	attrRe    = regexp.MustCompile(`\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?`)
	commentRe = regexp.MustCompile(`<!--.*?-->`)
	alignRe   = regexp.MustCompile(`^text-align:(left|right|center)$`)
)

// goldmarkTags is every element the pipeline writes: CommonMark, GFM
// (tables, task lists, strikethrough), footnotes, and our wrappers (the
// scrolling box around a table takes tabindex and aria-labelledby).
var goldmarkTags = map[string]bool{
	"div": true, "p": true, "a": true, "em": true, "strong": true, "code": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "hr": true, "br": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"del": true, "input": true, "img": true, "sup": true,
}

var safeAttrs = map[string]bool{
	"class": true, "id": true, "href": true, "rel": true, "title": true, "src": true, "alt": true,
	"role": true, "aria-label": true, "aria-labelledby": true, "tabindex": true, "scope": true, "style": true, "checked": true, "disabled": true, "type": true, "start": true,
}

func checkSafeHTML(t *testing.T, out, body string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("from %q:\n%s\n\n"+format, append([]any{body, out}, args...)...)
	}
	if !strings.HasPrefix(out, `<div class="prose">`) || !strings.HasSuffix(out, "</div>") {
		fail("an HTML part must be one <div class=\"prose\">")
	}
	for _, c := range commentRe.FindAllString(out, -1) {
		if c != "<!-- raw HTML omitted -->" {
			fail("comment %q in the output", c)
		}
	}
	rest := commentRe.ReplaceAllString(out, "")
	for _, m := range tagRe.FindAllStringSubmatch(rest, -1) {
		name := strings.ToLower(m[2])
		if !goldmarkTags[name] {
			fail("element <%s> is not one the renderer writes: raw HTML got through", name)
		}
		for _, a := range attrRe.FindAllStringSubmatch(m[3], -1) {
			attr, val := strings.ToLower(a[1]), html.UnescapeString(a[2])
			if !safeAttrs[attr] {
				fail("attribute %s on <%s>", attr, name)
			}
			if attr == "style" && !alignRe.MatchString(val) {
				fail("style %q", val)
			}
			if attr == "href" || attr == "src" {
				if scheme := linkScheme(val); scheme != "" && scheme != "http" && scheme != "https" && scheme != "mailto" {
					fail("%s=%q uses scheme %s:", attr, val, scheme)
				}
			}
		}
	}
	if strings.Contains(strings.ToLower(rest), "<script") {
		fail("<script in the output")
	}
}

// linkScheme is the scheme a browser would see in a URL attribute, which
// ignores leading spaces and control characters and tabs or newlines
// anywhere in it.
func linkScheme(v string) string {
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	i := strings.IndexAny(v, ":/?#")
	if i <= 0 || v[i] != ':' {
		return ""
	}
	return strings.ToLower(v[:i])
}
