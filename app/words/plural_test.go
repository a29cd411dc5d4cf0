package words

import (
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// TestPluralRulesAreCLDRs checks pluralForm against golang.org/x/text,
// which carries CLDR's rules for every language: the WASM keeps only
// these few (plural.go), the tests keep them right.
func TestPluralRulesAreCLDRs(t *testing.T) {
	names := map[plural.Form]string{
		plural.Other: "other", plural.Zero: "zero", plural.One: "one",
		plural.Two: "two", plural.Few: "few", plural.Many: "many",
	}
	for _, lang := range pluralRules {
		tag := language.MustParse(lang)
		for _, n := range append(rangeTo(1100), 1000000, 2000000, 1000001, 10000000) {
			// A whole number: no visible fraction digits.
			want := names[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
			if got := pluralForm(lang, n); got != want {
				t.Errorf("%s: pluralForm(%d) = %q, CLDR says %q", lang, n, got, want)
			}
		}
	}
}

func rangeTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
