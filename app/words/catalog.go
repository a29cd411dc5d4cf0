package words

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
)

// The message catalogs: one file per language in messages/, named by its
// code (en.json, de.json), mapping a key to its sentence. A sentence names
// what it shows in braces ("Could not reach {server}."); one with a number
// in it is an object of CLDR plural forms ({"one": ..., "other": ...}),
// of which the language's plural rule (plural.go) picks one. English is
// the reference every other file is checked against (catalog_test.go), so
// a translation is a data file and nothing else.
//
// The server has every file built in (catalog_files_other.go); the WASM
// only English's (catalog_files_wasm.go), so it stays the same size for
// any number of languages: a page in another language carries its
// language's file, which the app hands to Add before it renders.

// English is the language the guide was written in, and the default.
const English = "en"

// Words is one language's wording of everything the guide says.
type Words struct {
	lang string
	msgs map[string]message
}

// message is one key's sentence, or its plural forms by CLDR name.
type message struct {
	text  string
	forms map[string]string
}

var (
	catalogMu sync.Mutex
	catalogs  = map[string]*Words{}
)

// For is the catalog of the language code names ("de", "de-CH",
// "en-GB"): its primary subtag picks the file, and English stands in for
// a language the guide has no file for.
func For(code string) *Words {
	lang, _, _ := strings.Cut(strings.ToLower(code), "-")
	catalogMu.Lock()
	defer catalogMu.Unlock()
	if w := catalogs[lang]; w != nil {
		return w
	}
	w, err := loadWords(lang)
	if err != nil {
		if lang != English {
			// Not one of the guide's languages, or one without its
			// file yet.
			w, err = catalogs[English], nil
			if w == nil {
				w, err = loadWords(English)
			}
		}
		if err != nil {
			// Only a broken English file gets here, and
			// catalog_test.go reads every file: a release has none.
			panic(err)
		}
		catalogs[English] = w
	}
	catalogs[lang] = w
	return w
}

// File is the catalog file of the language with that code, as it is
// built in: the server's pages carry it for the app (Add).
func File(lang string) ([]byte, bool) {
	data, err := catalogFiles.ReadFile("messages/" + lang + ".json")
	return data, err == nil
}

// Add makes data, a catalog file, the words of the language with that
// code, for For to return from now on.
func Add(lang string, data []byte) error {
	w, err := parseWords(lang, data)
	if err != nil {
		return err
	}
	catalogMu.Lock()
	defer catalogMu.Unlock()
	catalogs[lang] = w
	return nil
}

// loadWords reads one catalog file.
func loadWords(lang string) (*Words, error) {
	file := lang
	if marking != nil {
		file = English // MarkForTest
	}
	data, err := catalogFiles.ReadFile("messages/" + file + ".json")
	if err != nil {
		return nil, err
	}
	return parseWords(lang, data)
}

// parseWords reads a catalog file's data.
func parseWords(lang string, data []byte) (*Words, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &catalogError{lang, "", err.Error()}
	}
	w := &Words{lang: lang, msgs: make(map[string]message, len(raw))}
	for key, r := range raw {
		var m message
		if json.Unmarshal(r, &m.text) != nil {
			if err := json.Unmarshal(r, &m.forms); err != nil {
				return nil, &catalogError{lang, key, "is neither a sentence nor plural forms"}
			}
			if _, ok := m.forms["other"]; !ok {
				return nil, &catalogError{lang, key, `has no "other" form`}
			}
		}
		if marking != nil {
			m.text = marked(m.text, marking)
			for form, text := range m.forms {
				m.forms[form] = marked(text, marking)
			}
		}
		w.msgs[key] = m
	}
	return w, nil
}

type catalogError struct{ lang, key, what string }

func (e *catalogError) Error() string {
	return "messages/" + e.lang + ".json: " + strings.TrimSpace(e.key+" "+e.what)
}

// Language is the code of the language w speaks ("en").
func (w *Words) Language() string { return w.lang }

// Has reports whether w has a sentence for key.
func (w *Words) Has(key string) bool { _, ok := w.msgs[key]; return ok }

// Say is key's sentence with its placeholders filled from args, given as
// name, value pairs.
func (w *Words) Say(key string, args ...string) string {
	m, ok := w.msgs[key]
	if !ok {
		// catalog_test.go has every key the code uses in every file.
		return key
	}
	if m.forms != nil {
		return fill(m.forms["other"], args)
	}
	return fill(m.text, args)
}

// SayN is key's plural form for n, with {count} standing for n.
func (w *Words) SayN(key string, n int, args ...string) string {
	m, ok := w.msgs[key]
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		if text, ok = m.forms[pluralForm(w.lang, n)]; !ok {
			text = m.forms["other"]
		}
	}
	return fill(text, append(args, "count", strconv.Itoa(n)))
}

// fill puts each {name} of args into text; a name args lacks stays as it
// is (catalog_test.go keeps that from happening).
func fill(text string, args []string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(text[:open])
		if v, ok := lookup(args, text[open+1:open+end]); ok {
			b.WriteString(v)
		} else {
			b.WriteString(text[open : open+end+1])
		}
		text = text[open+end+1:]
	}
	if b.Len() == 0 {
		return text
	}
	b.WriteString(text)
	return b.String()
}

func lookup(args []string, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return "", false
}
