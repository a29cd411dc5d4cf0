package words

import "testing"

func TestMarkForTest(t *testing.T) {
	restore := MarkForTest(func(s string) string { return "[" + s + "]" })
	w := For("de")
	got := w.Say("error.not_matrix", "server", "x.org")
	restore()
	if want := "[Something answered at ]x.org[, but it is not a Matrix server. Check the address, or ask the people who run it for their Matrix server's name.]"; got != want {
		t.Errorf("marked: %q, want %q", got, want)
	}
	if w.Language() != "de" {
		t.Errorf("the stand-in speaks %q, want de", w.Language())
	}
	if got := For("en").Say("error.canceled"); got != "The request was cancelled." {
		t.Errorf("after restore: %q", got)
	}
	for in, want := range map[string]string{"": "", "{a}": "{a}", "a{b}c": "[a]{b}[c]", "{a}{b}": "{a}{b}", "a {b": "[a {b]"} {
		if got := marked(in, func(s string) string { return "[" + s + "]" }); got != want {
			t.Errorf("marked(%q) = %q, want %q", in, got, want)
		}
	}
}
