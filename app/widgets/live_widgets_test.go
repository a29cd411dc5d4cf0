//go:build !wasm

package widgets

import (
	"testing"

	"hellomatrix/app/words"
)

func TestRatePassword(t *testing.T) {
	for _, tc := range []struct {
		pw    string
		level int
		label string
	}{
		{"", 0, ""},
		{"abc", 1, "Too short"},
		{"sevenXY", 1, "Too short"},
		{"password", 2, "Weak"},
		{"PASSWORD", 2, "Weak"}, // common ones are caught whatever the case
		{"aaaaaaaaaaaaaaaaaaaa", 2, "Weak"},
		{"abcdefgz", 2, "Weak"},
		{"Abcdef1!", 3, "Fair"},
		{"purple-otter", 3, "Fair"},
		{"Purple-otter-7", 4, "Strong"},
		{"correct horse battery staple", 4, "Strong"},
		{"ééééééééé", 2, "Weak"}, // repeated non-ASCII letters are counted as characters, not bytes
	} {
		got := ratePassword(words.For(words.English), tc.pw)
		if got.Level != tc.level || got.Label != tc.label {
			t.Errorf("ratePassword(%q) = %d %q, want %d %q", tc.pw, got.Level, got.Label, tc.level, tc.label)
		}
		if tc.level > 0 && got.Advice == "" {
			t.Errorf("ratePassword(%q) gives no advice", tc.pw)
		}
	}
}
