package live

import "hellomatrix/app/words"

// The language the live client speaks belongs to each model (Model's
// words): whoever makes one sets it (SetLanguage), English until then, and
// every sentence the model hands the widgets comes from that language's
// catalog (package words). Two models may speak two languages at once: the
// server prerenders pages of several languages concurrently, each with its
// own model.

// SetLanguage has m speak the language code names ("de", "fr-CA"), or
// English when the guide has no catalog for it.
func (m *Model) SetLanguage(code string) { m.words.Store(words.For(code)) }

// speaking is the catalog of the language m speaks now.
func (m *Model) speaking() *words.Words {
	if w := m.words.Load(); w != nil {
		return w
	}
	return words.For(words.English)
}

// Key names one sentence or label of the catalogs that the widgets show
// as it is (Say).
type Key string

// Say is k in the language the model speaks.
func (m *Model) Say(k Key) string { return k.in(m.speaking()) }

// in is k in w's language.
func (k Key) in(w *words.Words) string { return w.Say(string(k)) }

// say and sayN are Words.Say and Words.SayN in the language m speaks.
func (m *Model) say(key string, args ...string) string { return m.speaking().Say(key, args...) }

func (m *Model) sayN(key string, n int, args ...string) string {
	return m.speaking().SayN(key, n, args...)
}
