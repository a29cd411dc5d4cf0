//go:build !wasm

package widgets

import (
	"testing"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// In English the directory words a way to sign up as package pages does
// (pages.SignupWay.Phrase, which reports and the live client's verdict
// use), for every mix of facts.
func TestSignupPhraseIsTheEnglishOfPages(t *testing.T) {
	en := words.For(words.English)
	for i := range 1 << 7 {
		f := pages.SignupFacts{
			Closed: i&1 != 0, OwnSite: i&2 != 0, OAuth: i&4 != 0, SSO: i&8 != 0,
			Email: i&16 != 0, Token: i&32 != 0, Captcha: i&64 != 0,
		}
		for _, providers := range [][]string{nil, {"GitHub"}, {"GitHub", " ", "GitLab", "Apple"}} {
			f.Providers = providers
			way := f.Way()
			if got := SignupPhrase(en, way); got != way.Phrase {
				t.Errorf("%+v: %q, want %q", f, got, way.Phrase)
			}
		}
	}
}
