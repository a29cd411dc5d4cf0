package matrix

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestCoreHasNoSentences: the core returns kinds, reasons and data, and
// app/live's catalogs word them (issue 22). A string here shaped like a
// sentence for a reader is one that a translation would miss.
func TestCoreHasNoSentences(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			bl, ok := n.(*ast.BasicLit)
			if !ok || bl.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(bl.Value)
			if err != nil || strings.Count(s, " ") < 3 {
				return true
			}
			first := []rune(strings.TrimSpace(s))[0]
			if unicode.IsUpper(first) && strings.ContainsAny(s[len(s)-1:], ".?") {
				t.Errorf("%s: %q reads like a sentence for the reader; return a Reason and word it in app/words/messages", f, s)
			}
			return true
		})
	}
}
