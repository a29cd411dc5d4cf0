package widgets

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// sentenceWith is a sentence of the catalog that has elements inside it
// ("Next: {link}.", "Leave {room}? …"): its words as text, each element of
// parts where its {name} is, so that every language puts the link or the
// name where its own word order wants it. The sentence is said without
// those names (words.Words.Say leaves "{link}" as it is); a name that is
// text someone chose goes in as an element too (app.Strong), never as a
// value filled into the sentence, where it could carry a "{link}" of its
// own.
func sentenceWith(sentence string, parts map[string]app.UI) []app.UI {
	left := make(map[string]app.UI, len(parts))
	for name, ui := range parts {
		left[name] = ui
	}
	var out []app.UI
	for sentence != "" {
		at, name := -1, ""
		for n := range left {
			if i := strings.Index(sentence, "{"+n+"}"); i >= 0 && (at < 0 || i < at) {
				at, name = i, n
			}
		}
		if at < 0 {
			break
		}
		if at > 0 {
			out = append(out, app.Text(sentence[:at]))
		}
		// An element goes on the page once: a translation naming it twice
		// keeps the second as it is written.
		out = append(out, left[name])
		delete(left, name)
		sentence = sentence[at+len(name)+2:]
	}
	if sentence != "" {
		out = append(out, app.Text(sentence))
	}
	return out
}
