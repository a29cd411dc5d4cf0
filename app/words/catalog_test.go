package words

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// usedKeys reads the code for every catalog key it can ask for: the
// literal keys of say, sayN, Say and SayN anywhere in the guide's Go
// packages (app/... and matrix), the constants of a Key type, which the
// views pass to Say, and "error.KIND" and "error.REASON" for each Kind and
// Reason the core (package matrix) and the view model declare, which the
// view model builds to word an error.
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	used := map[string]bool{}
	var dirs []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range append(dirs, filepath.Join("..", "..", "matrix")) {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		core := dir == filepath.Join("..", "live") || dir == filepath.Join("..", "..", "matrix")
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					name := calleeName(n.Fun)
					if (name == "say" || name == "sayN" || name == "Say" || name == "SayN") && len(n.Args) > 0 {
						if key, ok := stringLit(n.Args[0]); ok {
							used[key] = true
						} else if typ := keyTyped(n.Args[0]); !typ && !wordingPlumbing[filepath.ToSlash(f)] {
							t.Errorf("%s: %s's key is not a literal, so this test cannot see it", f, name)
						}
					}
				case *ast.CompositeLit:
					// A table of keys ([64]Key{"emoji.dog", ...}).
					if at, ok := n.Type.(*ast.ArrayType); ok && (typeName(at.Elt) == "Key" || strings.HasSuffix(typeName(at.Elt), ".Key")) {
						for _, v := range n.Elts {
							if s, ok := stringLit(v); ok {
								used[s] = true
							}
						}
					}
				case *ast.ValueSpec:
					typ := typeName(n.Type)
					for _, v := range n.Values {
						s, ok := stringLit(v)
						if !ok {
							continue
						}
						switch {
						case typ == "Key" || strings.HasSuffix(typ, ".Key"):
							used[s] = true
						case core && (typ == "Kind" || typ == "Reason" || typ == "matrix.Reason"):
							used["error."+s] = true
						}
					}
				}
				return true
			})
		}
	}
	return used
}

// keyTyped reports whether e names a constant (live.NewMessages), indexes
// a table of keys or is a conversion to a Key: their values are read from the Key declarations
// above.
func keyTyped(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr:
		// A constant, or an entry of a table of keys (read above).
		return true
	case *ast.CallExpr:
		return strings.HasSuffix(typeName(e.Fun), "Key") || calleeName(e.Fun) == "Key"
	}
	return false
}

// wordingPlumbing are the files that pass keys on (say to Words.Say) or
// build them from the core's Kind and Reason (covered above).
var wordingPlumbing = map[string]bool{
	"../live/language.go":    true,
	"../live/error_words.go": true,
}

func calleeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			return x.Name + "." + e.Sel.Name
		}
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// catalogFilesRaw is every catalog file, read as it is.
func catalogFilesRaw(t *testing.T) map[string]map[string]json.RawMessage {
	t.Helper()
	names, err := fs.Glob(catalogFiles, "messages/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no catalogs: %v", err)
	}
	out := map[string]map[string]json.RawMessage{}
	for _, name := range names {
		data, err := catalogFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[strings.TrimSuffix(filepath.Base(name), ".json")] = m
	}
	return out
}

// TestCatalogKeys: every catalog file has every key the code uses, and no
// key nothing uses. A German page can then never fall back to English.
func TestCatalogKeys(t *testing.T) {
	used := usedKeys(t)
	for lang, m := range catalogFilesRaw(t) {
		var missing, unused []string
		for k := range used {
			if _, ok := m[k]; !ok {
				missing = append(missing, k)
			}
		}
		for k := range m {
			if !used[k] {
				unused = append(unused, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(unused)
		if len(missing) > 0 {
			t.Errorf("messages/%s.json lacks %d keys the code uses: %s", lang, len(missing), strings.Join(missing, ", "))
		}
		if len(unused) > 0 {
			t.Errorf("messages/%s.json has %d keys nothing uses: %s", lang, len(unused), strings.Join(unused, ", "))
		}
	}
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// forms is one key's sentences: one, or its plural forms by name.
func forms(t *testing.T, lang, key string, raw json.RawMessage) map[string]string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return map[string]string{"": s}
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Errorf("%s.json %s: neither a sentence nor plural forms", lang, key)
	}
	return m
}

// TestCatalogPlaceholders: a translation names only what the English
// sentence has ({server}, {count}...), since nothing else is filled in,
// and all of it but the count;
// a key is plural in every language or in none, each plural has the forms
// its language's rule picks and no others, and every file loads.
func TestCatalogPlaceholders(t *testing.T) {
	all := catalogFilesRaw(t)
	en := all[English]
	for lang, m := range all {
		if _, err := loadWords(lang); err != nil {
			t.Errorf("loading %s: %v", lang, err)
		}
		if !slices.Contains(pluralRules, lang) {
			t.Errorf("messages/%s.json: pluralForm has no rule for %q", lang, lang)
		}
		picks := map[string]bool{}
		for n := range 2000001 {
			if n <= 1000 || n%1000000 == 0 {
				picks[pluralForm(lang, n)] = true
			}
		}
		for key, raw := range m {
			enRaw, ok := en[key]
			if !ok {
				continue // TestCatalogKeys says so
			}
			want := map[string]bool{}
			enForms := forms(t, English, key, enRaw)
			for _, s := range enForms {
				for _, p := range placeholder.FindAllStringSubmatch(s, -1) {
					want[p[1]] = true
				}
			}
			got := forms(t, lang, key, raw)
			if (len(got) == 1 && got[""] != "") != (len(enForms) == 1 && enForms[""] != "") {
				t.Errorf("%s.json %s: plural in one language and not in the other", lang, key)
			}
			have := map[string]bool{}
			for form, s := range got {
				if form != "" && !picks[form] {
					t.Errorf("%s.json %s: form %q, which the %s rule never picks", lang, key, form, lang)
				}
				for _, p := range placeholder.FindAllStringSubmatch(s, -1) {
					have[p[1]] = true
					if !want[p[1]] {
						t.Errorf("%s.json %s: {%s} is not in the English sentence", lang, key, p[1])
					}
				}
			}
			// What the English shows, the translation shows too (a
			// link, a name), in one of its forms at least: a "one"
			// form may leave the number unsaid ("a second").
			for p := range want {
				if !have[p] && p != "count" {
					t.Errorf("%s.json %s: {%s} of the English sentence is missing", lang, key, p)
				}
			}
			if _, plural := got["other"]; plural {
				for form := range picks {
					if _, ok := got[form]; !ok {
						t.Errorf("%s.json %s: no %q form", lang, key, form)
					}
				}
			}
		}
	}
}

// TestEnglishErrorsAreSentences: each error's English wording starts like
// a sentence, ends like one, and has none of the protocol's words a
// beginner cannot act on.
func TestEnglishErrorsAreSentences(t *testing.T) {
	for key, raw := range catalogFilesRaw(t)[English] {
		if !strings.HasPrefix(key, "error.") || key == "error.its_address" {
			continue
		}
		for _, s := range forms(t, English, key, raw) {
			if first := s[0]; !(first >= 'A' && first <= 'Z') && first != '"' {
				t.Errorf("%s: %q does not start like a sentence", key, s)
			}
			if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
				t.Errorf("%s: %q does not end like a sentence", key, s)
			}
			for _, jargon := range []string{"M_", "errcode", "HTTP ", "mautrix", "UIA", "JSON", "status code"} {
				if strings.Contains(s, jargon) {
					t.Errorf("%s: %q has %q in it", key, s, jargon)
				}
			}
		}
	}
}
