package pages

import "time"

//go:generate go run ./gen

// Heading is one entry of a chapter's table of contents.
type Heading struct {
	Level int    `json:"level"` // 2 or 3
	ID    string `json:"id"`    // anchor, unique within the chapter
	Text  string `json:"text"`
}

// Part is one slice of a chapter body: either prerendered HTML or the place
// where a live-client widget goes. Chapters are split at their markers so the
// app can put a real component between two HTML parts.
type Part struct {
	HTML   string `json:"html,omitempty"`   // one root element, safe to app.Raw
	Widget string `json:"widget,omitempty"` // e.g. "register"; empty for HTML parts
}

// Chapter is one page of the guide.
type Chapter struct {
	Number      int       `json:"number"` // 1-based reading order
	Slug        string    `json:"slug"`   // "register"
	Title       string    `json:"title"`
	Description string    `json:"description"` // meta description
	Parts       []Part    `json:"parts"`
	Headings    []Heading `json:"headings"`
	Text        string    `json:"text"`              // plain text, for the offline search
	Sections    []Section `json:"sections"`          // the same text, cut at each h2/h3
	Checked     string    `json:"checked,omitempty"` // YYYY-MM-DD: when the page was read against its sources
	Sources     []Source  `json:"sources,omitempty"` // listed at the end of the page
	Lang        string    `json:"lang,omitempty"`    // its language's code; "" is English
}

// SourcesAnchor is the id of the "Sources" heading the app puts after a
// chapter's body; no chapter heading may take it.
const SourcesAnchor = "page-sources"

// Source is one public page a chapter's facts were checked against.
type Source struct {
	Title   string `json:"title"`
	URL     string `json:"url"`     // https
	Checked string `json:"checked"` // YYYY-MM-DD: when it was last read for this chapter
}

// StaleAfterMonths is how long a page's checked date stays trusted: a page not
// read against its sources for longer than this fails the build's tests.
const StaleAfterMonths = 12

// Stale reports whether the page was last checked more than StaleAfterMonths
// before now (or never); ok is false when its date cannot be read.
func (c Chapter) Stale(now time.Time) (stale bool, ok bool) {
	checked, err := time.Parse(time.DateOnly, c.Checked)
	if err != nil {
		return true, false
	}
	return checked.AddDate(0, StaleAfterMonths, 0).Before(now), true
}

// Section is the plain text under one h2/h3, up to the next one, so a search
// hit can link to the place it was found rather than to the top of the page.
// The text before the first heading is a section with an empty HeadingID.
type Section struct {
	HeadingID   string `json:"heading_id,omitempty"`
	HeadingText string `json:"heading_text,omitempty"`
	Text        string `json:"text"`
}

// Path is the chapter's route: /guide/register, /de/guide/register.
func (c Chapter) Path() string { return LanguagePrefix(c.Lang) + "/guide/" + c.Slug }

// Language is the code of the chapter's language ("en", "de").
func (c Chapter) Language() string {
	if c.Lang == "" {
		return English
	}
	return c.Lang
}

// Chapters returns every chapter in reading order.
func Chapters() []Chapter { return generatedChapters }

// BySlug finds a chapter; ok is false when there is none.
func BySlug(slug string) (c Chapter, ok bool) { return BySlugIn(English, slug) }

// BySlugIn finds a chapter in the language with that code.
func BySlugIn(lang, slug string) (c Chapter, ok bool) {
	for _, c := range ChaptersIn(lang) {
		if c.Slug == slug {
			return c, true
		}
	}
	return Chapter{}, false
}

// Neighbours returns the chapters before and after the given one; a missing
// side has an empty Slug.
func Neighbours(slug string) (prev, next Chapter) { return NeighboursIn(English, slug) }

// NeighboursIn is Neighbours in the language with that code.
func NeighboursIn(lang, slug string) (prev, next Chapter) {
	all := ChaptersIn(lang)
	for i, c := range all {
		if c.Slug != slug {
			continue
		}
		if i > 0 {
			prev = all[i-1]
		}
		if i+1 < len(all) {
			next = all[i+1]
		}
	}
	return prev, next
}
