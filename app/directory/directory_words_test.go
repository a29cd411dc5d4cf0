package directory

import (
	"testing"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

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
