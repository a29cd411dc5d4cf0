package main

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
			if got := signupPhrase(en, way); got != way.Phrase {
				t.Errorf("%+v: %q, want %q", f, got, way.Phrase)
			}
		}
	}
}

// Each sign-up method has its own label and explanation.
func TestRegistrationWords(t *testing.T) {
	en := words.For(words.English)
	labels, abouts := map[string]bool{}, map[string]bool{}
	for _, r := range pages.Registrations() {
		label, about := registrationWords(en, r)
		labels[label], abouts[about] = true, true
		if label != r.Label() {
			t.Errorf("%s: %q, the source list calls it %q", r, label, r.Label())
		}
	}
	if len(labels) != len(pages.Registrations()) || len(abouts) != len(pages.Registrations()) {
		t.Error("two methods share a label or an explanation")
	}
}
