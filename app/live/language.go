package live

import "hellomatrix/matrix"

// The language the live client speaks belongs to the view model (state's
// words): the page sets it once (SetLanguage), English until then, and
// every sentence the view model hands the widgets comes from that
// language's catalog (catalog.go).

// The verification code still asks the core to word its errors
// (matrix.Message) until its rewrite: it gets the same words.
func init() { matrix.Wording = Message }

// SetLanguage has the live client speak the language code names ("de",
// "fr-CA"), or English when the guide has no catalog for it.
func SetLanguage(code string) { the.words.Store(WordsFor(code)) }

// Speaking is the catalog of the language the live client speaks now.
func Speaking() *Words { return the.speaking() }

func (s *state) speaking() *Words {
	if w := s.words.Load(); w != nil {
		return w
	}
	return WordsFor(English)
}

// Key names one sentence or label of the catalogs that the widgets show
// as it is (Say).
type Key string

// Say is k in the language the live client speaks.
func Say(k Key) string { return the.speaking().say(string(k)) }

// say and sayN are Words.say and Words.sayN in the language the live
// client speaks.
func say(key string, args ...string) string { return the.speaking().say(key, args...) }

func sayN(key string, n int, args ...string) string { return the.speaking().sayN(key, n, args...) }
