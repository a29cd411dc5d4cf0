package pages

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// The chapters travel to the browser as three kinds of JSON file, which the
// server writes from the chapters it was built with and the app reads back
// (the WASM has none compiled in, see chapters_wasm.go):
//
//   - the index (IndexJSON, LoadIndex): every chapter without its body or
//     text, enough for lists, the pager and the table of contents;
//   - one body per chapter (PartsJSON, SetParts), fetched when the reader
//     goes to that chapter; the page the app starts on reads its own from
//     the prerendered HTML instead;
//   - the search text (SearchJSON, LoadSearch), fetched when the reader
//     first searches.
//
// Every Part keeps its place in the index (a widget's name, an HTML part's
// empty string), so a body read from the page can be matched to it.

// DataFile is the name of the file called name ("index.json") of the
// language with that code: English's are at the top of their folder,
// every other language's in a folder named by its code ("de/index.json").
func DataFile(lang, name string) string {
	if lang == English || lang == "" {
		return name
	}
	return lang + "/" + name
}

// DataFileLanguage is the code of the language of a file DataFile named.
func DataFileLanguage(name string) string {
	if code, _, ok := strings.Cut(name, "/"); ok {
		return code
	}
	return English
}

// IndexJSON is chs without their bodies and text.
func IndexJSON(chs []Chapter) ([]byte, error) {
	out := make([]Chapter, len(chs))
	for i, c := range chs {
		c.Parts = withoutHTML(c.Parts)
		c.Text, c.Sections = "", nil
		out[i] = c
	}
	return json.Marshal(out)
}

func withoutHTML(parts []Part) []Part {
	out := make([]Part, len(parts))
	for i, p := range parts {
		out[i] = Part{Widget: p.Widget}
	}
	return out
}

// PartsJSON is one chapter's body.
func PartsJSON(parts []Part) ([]byte, error) { return json.Marshal(parts) }

// searchText is what the search needs of a chapter beyond the index.
type searchText struct {
	Slug     string    `json:"slug"`
	Sections []Section `json:"sections"`
}

// SearchJSON is the text of every chapter, cut at its headings.
func SearchJSON(chs []Chapter) ([]byte, error) {
	out := make([]searchText, len(chs))
	for i, c := range chs {
		out[i] = searchText{Slug: c.Slug, Sections: c.Sections}
	}
	return json.Marshal(out)
}

// LoadIndex makes the chapters in IndexJSON's data the ones Chapters
// returns. The browser calls it once, before the app renders anything.
func LoadIndex(data []byte) error {
	var chs []Chapter
	if err := json.Unmarshal(data, &chs); err != nil {
		return fmt.Errorf("reading the chapters' index: %w", err)
	}
	generatedChapters = chs
	resetSearch()
	return nil
}

// SetParts gives the chapter called slug its body, as PartsJSON wrote it or
// as read from the page. It must have as many parts, widgets in the same
// places, as the index says.
func SetParts(slug string, parts []Part) error {
	for i := range generatedChapters {
		c := &generatedChapters[i]
		if c.Slug != slug {
			continue
		}
		if len(parts) != len(c.Parts) {
			return fmt.Errorf("chapter %s: %d parts, the index has %d", slug, len(parts), len(c.Parts))
		}
		for j := range parts {
			if parts[j].Widget != c.Parts[j].Widget {
				return fmt.Errorf("chapter %s: part %d is %q, the index has %q", slug, j, parts[j].Widget, c.Parts[j].Widget)
			}
		}
		c.Parts = parts
		return nil
	}
	return fmt.Errorf("no chapter %s in the index", slug)
}

// ReadParts decodes PartsJSON's data.
func ReadParts(data []byte) ([]Part, error) {
	var parts []Part
	err := json.Unmarshal(data, &parts)
	return parts, err
}

// HasBody reports whether c's body is here (an HTML part has its HTML).
func (c Chapter) HasBody() bool {
	for _, p := range c.Parts {
		if p.Widget == "" && p.HTML != "" {
			return true
		}
	}
	return false
}

// LoadSearch adds SearchJSON's text to the chapters of the index.
func LoadSearch(data []byte) error {
	var texts []searchText
	if err := json.Unmarshal(data, &texts); err != nil {
		return fmt.Errorf("reading the search text: %w", err)
	}
	for _, t := range texts {
		for i := range generatedChapters {
			if generatedChapters[i].Slug == t.Slug {
				generatedChapters[i].Sections = t.Sections
			}
		}
	}
	resetSearch()
	return nil
}

// SearchReady reports whether the chapters' text is here to search.
func SearchReady() bool {
	for _, c := range Chapters() {
		if len(c.Sections) != 0 {
			return true
		}
	}
	return false
}

var searchMu sync.Mutex

func resetSearch() {
	searchMu.Lock()
	defer searchMu.Unlock()
	clear(indexes)
}
