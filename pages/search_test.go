package pages

import (
	"strings"
	"testing"
)

var searchFixture = []Chapter{
	{Number: 1, Slug: "intro", Title: "What is Matrix?", Sections: []Section{
		{Text: "Matrix is an open network for chat."},
		{HeadingID: "rooms", HeadingText: "Rooms", Text: "Every conversation happens in a room. Rooms can be public."},
		{HeadingID: "servers", HeadingText: "Homeservers", Text: "A homeserver stores your account and your rooms."},
	}},
	{Number: 2, Slug: "register", Title: "Creating an account", Sections: []Section{
		{HeadingID: "captcha", HeadingText: "Captcha", Text: "A captcha proves you’re a person."},
		{HeadingID: "email", HeadingText: "Email address", Text: "Some servers ask for an e-mail; the CAPTCHA comes after it."},
		{HeadingID: "long", HeadingText: "Long", Text: strings.Repeat("filler words here ", 30) + "needle " + strings.Repeat("more filler text ", 30)},
	}},
}

func fixtureSearch(q string, limit int) []SearchHit {
	return newSearchIndex(searchFixture).search(q, limit)
}

func TestSearchFixture(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string // hit paths, best first
	}{
		{"", nil},
		{"   ", nil},
		{"?!", nil},
		{"zebra", nil},
		{"ROOMS", []string{"/guide/intro#rooms", "/guide/intro#servers"}},
		{"rooms homeserver", []string{"/guide/intro#servers"}}, // AND: both words
		{"room public", []string{"/guide/intro#rooms"}},
		{"captcha", []string{"/guide/register#captcha", "/guide/register#email"}}, // heading ranks first
		{"you're", []string{"/guide/register#captcha"}},                           // typed ' finds ’
		{"matrix network", []string{"/guide/intro"}},
		{"matrix account", []string{"/guide/intro#servers"}}, // title counts for every section
		{"“matrix.org?”", nil},
	} {
		hits := fixtureSearch(tc.query, 0)
		var got []string
		for _, h := range hits {
			got = append(got, h.Path())
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Search(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
}

func TestSearchHitFields(t *testing.T) {
	hits := fixtureSearch("captcha", 1)
	if len(hits) != 1 {
		t.Fatalf("limit 1: got %d hits", len(hits))
	}
	h := hits[0]
	if h.Slug != "register" || h.ChapterTitle != "Creating an account" || h.HeadingID != "captcha" ||
		h.HeadingText != "Captcha" || h.Snippet != "A captcha proves you’re a person." || h.Score <= 0 {
		t.Errorf("hit = %+v", h)
	}
}

func TestSearchSnippet(t *testing.T) {
	hits := fixtureSearch("needle", 0)
	if len(hits) != 1 {
		t.Fatalf("got %v", hits)
	}
	s := hits[0].Snippet
	if !strings.Contains(s, "needle") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet %q should show the match, cut on both sides", s)
	}
	if n := len([]rune(s)); n > 142 || n < 100 {
		t.Errorf("snippet is %d runes: %q", n, s)
	}
	for _, w := range strings.Fields(strings.Trim(s, "…")) {
		if w != "filler" && w != "words" && w != "here" && w != "needle" && w != "more" && w != "text" {
			t.Errorf("snippet cuts a word: %q in %q", w, s)
		}
	}
}

// Japanese is written without spaces: a word inside a sentence is found,
// and its snippet shows it, cut at a 、 or 。 where one is near.
func TestSearchJapanese(t *testing.T) {
	long := strings.Repeat("これは説明のための長い文章です。", 12) + "ホームサーバーはあなたのアカウントを保管します。" + strings.Repeat("続きの文章がここにあります。", 12)
	idx := newSearchIndex([]Chapter{{Number: 1, Slug: "intro", Title: "Matrixとは", Sections: []Section{
		{HeadingID: "servers", HeadingText: "サーバー", Text: long},
		{HeadingID: "rooms", HeadingText: "ルーム", Text: "会話はすべてルームの中で行われます。"},
	}}})
	hits := idx.search("アカウント", 0)
	if len(hits) != 1 || hits[0].HeadingID != "servers" {
		t.Fatalf("a word inside a sentence: got %+v", hits)
	}
	s := hits[0].Snippet
	if !strings.Contains(s, "アカウント") {
		t.Errorf("snippet %q does not show the word", s)
	}
	if n := len([]rune(s)); n < 80 {
		t.Errorf("snippet is only %d runes: %q", n, s)
	}
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "。…") {
		t.Errorf("snippet %q should be cut after a 。 on both sides", s)
	}
	if got := idx.search("行われ", 0); len(got) != 1 || got[0].HeadingID != "rooms" {
		t.Errorf("part of a verb: got %+v", got)
	}
}

func TestSearchRealChapters(t *testing.T) {
	if len(Chapters()) == 0 {
		t.Skip("no chapters generated")
	}
	hits := Search("Pinecone", 5)
	if len(hits) == 0 || hits[0].Slug != "next-steps" {
		t.Fatalf("Search(Pinecone) = %+v, want chapter next-steps first", hits)
	}
	if !strings.Contains(strings.ToLower(hits[0].Snippet), "pinecone") {
		t.Errorf("snippet %q lacks the word", hits[0].Snippet)
	}
	if sec := findSection(t, hits[0]); !strings.Contains(strings.ToLower(sec.Text), "pinecone") {
		t.Errorf("hit points at section %q, which does not mention Pinecone", sec.HeadingID)
	}

	// Case-insensitive, and a heading match ranks first.
	lower, upper := Search("captcha", 0), Search("CAPTCHA", 0)
	if len(lower) == 0 || len(lower) != len(upper) || lower[0] != upper[0] {
		t.Fatalf("captcha: %d hits, CAPTCHA: %d hits", len(lower), len(upper))
	}
	if !strings.Contains(strings.ToLower(lower[0].HeadingText), "captcha") {
		t.Errorf("best hit for captcha is under %q, want a heading about captchas", lower[0].HeadingText)
	}

	// AND: every hit holds both words.
	for _, h := range Search("captcha email", 0) {
		sec := findSection(t, h)
		all := strings.ToLower(h.ChapterTitle + " " + sec.HeadingText + " " + sec.Text)
		if !strings.Contains(all, "captcha") || !strings.Contains(all, "email") {
			t.Errorf("%s matches only one word", h.Path())
		}
	}
	if hits := Search("pinecone captcha", 0); len(hits) != 0 {
		t.Errorf("no section is about both, got %v", hits)
	}
	if hits := Search("", 10); hits != nil {
		t.Errorf("empty query: %v", hits)
	}
}

func findSection(t *testing.T, h SearchHit) Section {
	t.Helper()
	c, ok := BySlug(h.Slug)
	if !ok {
		t.Fatalf("hit in unknown chapter %q", h.Slug)
	}
	for _, s := range c.Sections {
		if s.HeadingID == h.HeadingID {
			return s
		}
	}
	t.Fatalf("hit in unknown section %s", h.Path())
	return Section{}
}

func BenchmarkSearch(b *testing.B) {
	Search("x", 1) // build the index outside the loop
	for b.Loop() {
		Search("server email", 20)
	}
}

// The pages added after the chapters are found by what a reader would type.
func TestSearchFindsEveryNewPage(t *testing.T) {
	for _, tc := range []struct{ query, slug string }{
		{"ignore report", "staying-safe"},
		{"scam", "staying-safe"},
		{"create a space", "spaces"},
		{"sign out old sessions", "your-devices"},
		{"deactivate account", "your-devices"},
		{"formula 1", "popular-rooms"},
		{"matrixrooms.info", "popular-rooms"},
		{"telegram secret chats", "matrix-compared"},
		{"withheld key", "glossary"},
	} {
		hits := Search(tc.query, 3)
		if len(hits) == 0 || hits[0].Slug != tc.slug {
			t.Errorf("Search(%q): first hit %+v, want page %s", tc.query, hits, tc.slug)
		}
	}
}

// Each language searches its own chapters, and its hits link to them.
func TestSearchInALanguage(t *testing.T) {
	for _, l := range Languages {
		hits := SearchIn(l.Code, "matrix", 5)
		if len(hits) == 0 {
			t.Errorf("%s: no hits for matrix", l.Code)
		}
		for _, h := range hits {
			if h.Lang != l.Code && !(l.Code == English && h.Lang == "") {
				t.Errorf("%s: a hit in %q: %s", l.Code, h.Lang, h.Path())
			}
		}
	}
}
