package live

import (
	"sync"
	"testing"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// english is the catalog the tests word things in when the language is
// not what they are about.
var english = words.For(words.English)

// TestModelsSpeakTheirOwnLanguage: two models at once, as the server has
// when it prerenders a German and a French page concurrently, word the
// same error each in its own language, and a model speaks English until
// it is told otherwise. Run it with -race.
func TestModelsSpeakTheirOwnLanguage(t *testing.T) {
	err := &matrix.Error{Kind: matrix.KindUnreachable, Reason: matrix.ReasonNoSuchHost, Server: "exmaple.org"}
	if got, want := New().Message(err), errorSentence(english, err); got != want {
		t.Errorf("a new model says %q, want English %q", got, want)
	}
	langs := []string{"de", "fr"}
	said := make([][]string, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Go(func() {
			m := New()
			m.SetLanguage(lang)
			for range 100 {
				said[i] = append(said[i], m.Message(err))
			}
		})
	}
	wg.Wait()
	for i, lang := range langs {
		want := errorSentence(words.For(lang), err)
		for _, got := range said[i] {
			if got != want {
				t.Fatalf("%s model said %q, want %q", lang, got, want)
			}
		}
	}
	if said[0][0] == said[1][0] {
		t.Errorf("German and French word it alike: %q", said[0][0])
	}
}
