//go:build !wasm

package widgets

import (
	"hellomatrix/app/live"
)

// LiveModel is the live client's view model for a page in language lang:
// on the server a fresh, signed-out one each time. The server prerenders
// pages of several languages at once, so no model may be shared between
// them, and nothing ever starts one here: every prerendered page shows the
// empty, signed-out state.
func LiveModel(lang string) *live.Model {
	m := live.New()
	m.SetLanguage(lang)
	return m
}
