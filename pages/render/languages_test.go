package render

import (
	"html"
	"slices"
	"strings"
	"testing"

	"hellomatrix/pages"
)

// Every language has every chapter, built like the English one: the same
// slugs and numbers, the same headings (level and id, so every anchor works
// in every language), the same live boxes in the same places, the same
// links (inside the guide with the language's prefix), the same checked
// dates and sources. The words differ; the page's shape does not.
func TestEveryLanguageHasEveryChapter(t *testing.T) {
	english := renderSources(t)
	for _, l := range pages.Languages {
		if l.Code == pages.English {
			continue
		}
		t.Run(l.Code, func(t *testing.T) {
			chs, err := RenderLanguage(pagesDir, l.Code)
			if err != nil {
				t.Fatalf("rendering chapters/%s: %v", l.Code, err)
			}
			if err := CheckLinksIn(chs, l.Code); err != nil {
				t.Errorf("broken links: %v", err)
			}
			if len(chs) != len(english) {
				t.Fatalf("%d chapters, English has %d", len(chs), len(english))
			}
			for i, en := range english {
				compareChapter(t, l, en, chs[i])
			}
		})
	}
}

func compareChapter(t *testing.T, l pages.Language, en, tr pages.Chapter) {
	t.Helper()
	where := l.Code + "/" + en.Slug
	if tr.Slug != en.Slug || tr.Number != en.Number {
		t.Errorf("%s: chapter %d is %02d-%s, want %02d-%s", l.Code, en.Number, tr.Number, tr.Slug, en.Number, en.Slug)
		return
	}
	if tr.Title == "" || tr.Description == "" {
		t.Errorf("%s: no title or description", where)
	}
	if tr.Description == en.Description {
		t.Errorf("%s: the description is the English one", where)
	}
	if got, want := headingShape(tr), headingShape(en); !slices.Equal(got, want) {
		t.Errorf("%s: headings %v, English has %v", where, got, want)
	}
	if got, want := widgets(tr), widgets(en); !slices.Equal(got, want) {
		t.Errorf("%s: live boxes %v, English has %v", where, got, want)
	}
	prefix := l.Prefix()
	var trLinks []string
	for _, h := range links(tr) {
		if rest, ok := strings.CutPrefix(h, prefix+"/"); ok {
			h = "/" + rest
		}
		trLinks = append(trLinks, h)
	}
	slices.Sort(trLinks)
	if want := links(en); !slices.Equal(trLinks, sorted(want)) {
		t.Errorf("%s: links %v, English has %v", where, trLinks, sorted(want))
	}
	if tr.Checked != en.Checked {
		t.Errorf("%s: checked %s, English %s", where, tr.Checked, en.Checked)
	}
	if len(tr.Sources) != len(en.Sources) {
		t.Errorf("%s: %d sources, English has %d", where, len(tr.Sources), len(en.Sources))
		return
	}
	for i, s := range en.Sources {
		if tr.Sources[i].URL != s.URL || tr.Sources[i].Checked != s.Checked {
			t.Errorf("%s: source %d is %s (%s), English has %s (%s)", where, i+1, tr.Sources[i].URL, tr.Sources[i].Checked, s.URL, s.Checked)
		}
	}
}

func headingShape(c pages.Chapter) []string {
	var out []string
	for _, h := range c.Headings {
		out = append(out, strings.Repeat("#", h.Level)+" "+h.ID)
	}
	return out
}

func widgets(c pages.Chapter) []string {
	var out []string
	for _, p := range c.Parts {
		if p.Widget != "" {
			out = append(out, p.Widget)
		}
	}
	return out
}

// links lists every href in the chapter's body except the headings' own
// "#" links, which follow the headings.
func links(c pages.Chapter) []string {
	var out []string
	for _, p := range c.Parts {
		for _, m := range hrefRe.FindAllStringSubmatch(p.HTML, -1) {
			out = append(out, html.UnescapeString(m[1]))
		}
	}
	anchors := map[string]int{}
	for _, h := range c.Headings {
		anchors["#"+h.ID]++
	}
	var kept []string
	for _, h := range out {
		if anchors[h] > 0 {
			anchors[h]--
			continue
		}
		kept = append(kept, h)
	}
	return kept
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
