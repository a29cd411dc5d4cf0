package pages

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SearchHit is one section of one chapter that contains every word of a
// query. Path links to the section itself.
type SearchHit struct {
	Lang         string // the chapter's language code; "" is English
	Slug         string
	ChapterTitle string
	HeadingID    string // "" when the hit is in the chapter's introduction
	HeadingText  string
	Snippet      string // ~140 characters around the first match
	Score        int    // higher is better; hits come sorted by it
}

// Path is the route of the hit: /guide/<slug>#<heading>, after the
// language's prefix (/de/guide/...).
func (h SearchHit) Path() string {
	path := LanguagePrefix(h.Lang) + "/guide/" + h.Slug
	if h.HeadingID == "" {
		return path
	}
	return path + "#" + h.HeadingID
}

// Search looks for sections that contain every word of query (case-insensitive,
// in any order) in their text, their heading or the chapter title, best first.
// A blank query finds nothing; limit <= 0 means no limit. It runs in the
// browser on every keystroke, so the folded text is prepared once.
func Search(query string, limit int) []SearchHit { return SearchIn("", query, limit) }

// SearchIn is Search over the chapters in the language with that code
// (ChaptersIn); "" is Chapters, the ones the browser has.
func SearchIn(lang, query string, limit int) []SearchHit {
	searchMu.Lock()
	idx := indexes[lang]
	if idx == nil {
		chs := Chapters()
		if lang != "" {
			chs = ChaptersIn(lang)
		}
		idx = newSearchIndex(chs)
		indexes[lang] = idx
	}
	searchMu.Unlock()
	return idx.search(query, limit)
}

// indexes are built on a language's first search, and again after
// LoadIndex or LoadSearch (content.go) bring new text.
var indexes = map[string]*searchIndex{}

// Scores: a word in a heading says much more about a section than a word in
// passing, and the count of mentions only breaks ties, so it is capped.
const (
	scoreHeading    = 20
	scoreTitle      = 5
	scorePerMention = 1
	maxMentions     = 5
	scorePhrase     = 10 // the whole query, as typed, appears in the section
	snippetRunes    = 140
	snippetLead     = 40 // how much text to show before the first match
)

type searchIndex struct{ entries []indexEntry }

// indexEntry is a section with its searchable text folded (see fold).
type indexEntry struct {
	chapter                     *Chapter
	section                     Section
	title, heading, text, whole string // folded
}

func newSearchIndex(chs []Chapter) *searchIndex {
	idx := &searchIndex{}
	for i := range chs {
		c := &chs[i]
		title := fold(c.Title)
		for _, s := range c.Sections {
			e := indexEntry{chapter: c, section: s, title: title, heading: fold(s.HeadingText), text: fold(s.Text)}
			e.whole = e.title + "\n" + e.heading + "\n" + e.text
			idx.entries = append(idx.entries, e)
		}
	}
	return idx
}

func (idx *searchIndex) search(query string, limit int) []SearchHit {
	terms := queryTerms(query)
	if len(terms) == 0 {
		return nil
	}
	phrase := strings.Join(terms, " ")
	type ranked struct {
		hit   SearchHit
		order int
	}
	var found []ranked
	for order, e := range idx.entries {
		score, ok := e.score(terms)
		if !ok {
			continue
		}
		if len(terms) > 1 && strings.Contains(e.whole, phrase) {
			score += scorePhrase
		}
		found = append(found, ranked{order: order, hit: SearchHit{
			Lang:         e.chapter.Lang,
			Slug:         e.chapter.Slug,
			ChapterTitle: e.chapter.Title,
			HeadingID:    e.section.HeadingID,
			HeadingText:  e.section.HeadingText,
			Snippet:      snippet(e.section.Text, e.text, terms),
			Score:        score,
		}})
	}
	// Equal scores keep reading order, so results do not jump around.
	sort.SliceStable(found, func(i, j int) bool { return found[i].hit.Score > found[j].hit.Score })
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	hits := make([]SearchHit, len(found))
	for i, r := range found {
		hits[i] = r.hit
	}
	return hits
}

// score is how well the section matches; ok is false unless every term
// appears somewhere in it (AND semantics).
func (e indexEntry) score(terms []string) (score int, ok bool) {
	for _, t := range terms {
		inHeading := strings.Contains(e.heading, t)
		inTitle := strings.Contains(e.title, t)
		mentions := min(strings.Count(e.text, t), maxMentions)
		if !inHeading && !inTitle && mentions == 0 {
			return 0, false
		}
		if inHeading {
			score += scoreHeading
		}
		if inTitle {
			score += scoreTitle
		}
		score += mentions * scorePerMention
	}
	return score, true
}

// queryTerms splits a query into folded words, without the punctuation people
// type around words ("matrix.org?") and without repeats.
func queryTerms(query string) []string {
	var terms []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(fold(query)) {
		w = strings.TrimFunc(w, func(r rune) bool {
			return unicode.IsPunct(r) && r != '#' && r != '@' // keep #room, @user
		})
		if w != "" && !seen[w] {
			seen[w] = true
			terms = append(terms, w)
		}
	}
	return terms
}

// fold lower-cases s and straightens typographic punctuation (the chapters
// say "don’t", people type "don't"). It maps each rune to exactly one rune,
// so a rune offset in the folded text is the same offset in the original.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '‘', '’', '‚', '′':
			return '\''
		case '“', '”', '„', '″':
			return '"'
		case '‐', '‑', '‒', '–', '—':
			return '-'
		case '\u00a0':
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
}

// snippet is about snippetRunes of the original text around the earliest
// match of any term (or the start of the section if only its heading or
// title matched), cut at word boundaries, on one line.
func snippet(original, folded string, terms []string) string {
	at := -1
	for _, t := range terms {
		if i := strings.Index(folded, t); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	runes := []rune(original)
	start := 0
	if at > 0 {
		start = max(utf8.RuneCountInString(folded[:at])-snippetLead, 0)
	}
	end := min(start+snippetRunes, len(runes))
	if end == len(runes) {
		start = max(end-snippetRunes, 0) // near the end: show a full window
	}
	// Move inwards to whole words, but only so far: Japanese has no spaces
	// between words, and looking further would cut the match away. There,
	// a sentence's end (。、) is the nearest clean cut.
	if start > 0 {
		if i := cutAfter(runes[start:end], maxWordRunes); i >= 0 {
			start += i
		}
	}
	if end < len(runes) {
		if i := cutBefore(runes[start:end], maxWordRunes); i >= 0 {
			end = start + i
		}
	}
	s := strings.Join(strings.Fields(string(runes[start:end])), " ")
	if start > 0 {
		s = "…" + s
	}
	if end < len(runes) {
		s += "…"
	}
	return s
}

// maxWordRunes is how far a snippet's edge moves to reach a word boundary.
const maxWordRunes = 20

// isBreak is a place a snippet can be cut: a space, or the end of a
// Japanese phrase or sentence (written without spaces).
func isBreak(r rune) bool { return unicode.IsSpace(r) || r == '、' || r == '。' }

// cutAfter is the index of the first rune after a break within the first
// n runes of rs, or -1.
func cutAfter(rs []rune, n int) int {
	for i := 0; i < len(rs) && i < n; i++ {
		if isBreak(rs[i]) {
			return i + 1
		}
	}
	return -1
}

// cutBefore is the index just past the last rune to keep when rs is cut at
// a break within its last n runes, or -1.
func cutBefore(rs []rune, n int) int {
	for i := len(rs) - 1; i >= 0 && i >= len(rs)-n; i-- {
		if isBreak(rs[i]) {
			if unicode.IsSpace(rs[i]) {
				return i
			}
			return i + 1 // keep the 、 or 。
		}
	}
	return -1
}
