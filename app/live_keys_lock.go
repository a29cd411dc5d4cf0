package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// lockFor is the small lock beside a message that was end-to-end encrypted
// and has been decrypted; nothing for the others. Its label says in words
// what the symbol means, for screen readers and a hovering pointer.
func lockFor(l live.ChatLine) app.UI {
	if !l.Locked {
		return nil
	}
	const label = "End-to-end encrypted: only the people in this room can read it."
	return app.Span().Class("live-line-lock").Title(label).Aria("label", label).Text("🔒")
}
