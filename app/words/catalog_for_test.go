package words

import "testing"

// TestForFallsBackToEnglish: a language without a catalog speaks English,
// whether or not English was loaded first (a German page prerendered after
// an English one).
func TestForFallsBackToEnglish(t *testing.T) {
	en := For(English)
	for _, code := range []string{"xx", "xx-YY", "en-GB"} {
		if w := For(code); w != en {
			t.Errorf("For(%q) is not the English catalog", code)
		}
	}
}
