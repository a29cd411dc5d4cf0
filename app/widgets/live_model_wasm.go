//go:build wasm

package widgets

import (
	"hellomatrix/app/live"
)

// visit is the live client's view model in the browser: one for the whole
// visit, so the session, the open room and whatever is under way survive
// in-app navigation. StartVisit makes it before the first render.
var visit *live.Model

// StartVisit makes the visit's model, speaking the language of the page
// the visit starts on (LoadStartingPage).
func StartVisit(lang string) {
	visit = live.New()
	visit.SetLanguage(lang)
}

// LiveModel is the live client's view model for a page in language lang:
// in the browser, the visit's, whatever the page (it keeps the language it
// started in).
func LiveModel(lang string) *live.Model { return visit }
