package live

import "hellomatrix/app/words"

// The language the live client speaks belongs to the view model (state's
// words): the page sets it once (SetLanguage), English until then, and
// every sentence the view model hands the widgets comes from that
// language's catalog (package words).

// SetLanguage has the live client speak the language code names ("de",
// "fr-CA"), or English when the guide has no catalog for it.
func SetLanguage(code string) { the.words.Store(words.For(code)) }

// Speaking is the catalog of the language the live client speaks now.
func Speaking() *words.Words { return the.speaking() }

func (s *state) speaking() *words.Words {
	if w := s.words.Load(); w != nil {
		return w
	}
	return words.For(words.English)
}

// Key names one sentence or label of the catalogs that the widgets show
// as it is (Say).
type Key string

// Say is k in the language the live client speaks.
func Say(k Key) string { return the.speaking().Say(string(k)) }

// say and sayN are Words.say and Words.sayN in the language the live
// client speaks.
func say(key string, args ...string) string { return the.speaking().Say(key, args...) }

func sayN(key string, n int, args ...string) string { return the.speaking().SayN(key, n, args...) }
