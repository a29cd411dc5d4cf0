package live

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
	"time"

	"hellomatrix/matrix"
)

// usedKeys reads the code for every catalog key it can ask for: the
// literal keys of say and sayN, the Key constants the widgets Say, and
// "error.KIND" and "error.REASON" for each Kind and Reason the core
// (package matrix) and this package declare, which Words.Error builds.
// The verification code is left out while it is being rewritten (its
// kinds are worded there).
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	used := map[string]bool{}
	for _, dir := range []string{".", "../../matrix"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			base := filepath.Base(f)
			if strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, "verify") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if name := calleeName(n.Fun); (name == "say" || name == "sayN") && len(n.Args) > 0 {
						if key, ok := stringLit(n.Args[0]); ok {
							used[key] = true
						} else if !wordingPlumbing[base] {
							t.Errorf("%s: %s's key is not a literal, so this test cannot see it", f, name)
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
						case typ == "Key" && dir == ".":
							used[s] = true
						case typ == "Kind" || typ == "Reason" || typ == "matrix.Reason":
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

// wordingPlumbing are the files that pass keys on (say to Words.say) or
// build them from the core's Kind and Reason (Words.Error, covered above).
var wordingPlumbing = map[string]bool{"catalog.go": true, "language.go": true, "error_words.go": true}

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
// sentence has ({server}, {count}...), since nothing else is filled in;
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
			for form, s := range got {
				if form != "" && !picks[form] {
					t.Errorf("%s.json %s: form %q, which the %s rule never picks", lang, key, form, lang)
				}
				for _, p := range placeholder.FindAllStringSubmatch(s, -1) {
					if !want[p[1]] {
						t.Errorf("%s.json %s: {%s} is not in the English sentence", lang, key, p[1])
					}
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

// TestErrorWording spot-checks Words.Error: a reason picks its sentence,
// data fills it, a number picks the plural form, and an unknown server
// is "its address".
func TestErrorWording(t *testing.T) {
	w := WordsFor("en-GB")
	for _, tc := range []struct {
		err  *matrix.Error
		want string
	}{
		{&matrix.Error{Kind: matrix.KindUnreachable, Reason: matrix.ReasonNoSuchHost, Server: "exmaple.org"},
			"There is no server called exmaple.org on the internet. Check the spelling of the address."},
		{&matrix.Error{Kind: matrix.KindUnreachable},
			"Could not reach its address. Check the address and your internet connection, then try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 500 * time.Millisecond},
			"You are going faster than the server allows. Please wait a second and try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 30 * time.Second},
			"You are going faster than the server allows. Please wait about 30 seconds and try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 5 * time.Minute},
			"You are going faster than the server allows. Please wait about 5 minutes and try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited},
			"You are going faster than the server allows. Please wait a moment and try again."},
		{&matrix.Error{Kind: matrix.KindInvalidUsername, Reason: matrix.ReasonUsernameTooLong, Limit: 1},
			"That username is too long: the full ID may be at most 255 characters, and 1 is left for the name."},
		{&matrix.Error{Kind: matrix.KindDirectNotRecorded, Err: &matrix.Error{Kind: matrix.KindForbidden}},
			"The chat is ready, but saving it as a direct chat in your account failed (The server did not allow that.), so other Matrix apps may show it as a group."},
		{&matrix.Error{Kind: "a kind from the future"},
			"Something unexpected went wrong. Please try again in a moment."},
	} {
		if got := w.Error(tc.err); got != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.err, got, tc.want)
		}
	}
}
