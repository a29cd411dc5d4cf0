package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// encryptionNote says under the chat whether the open room is end-to-end
// encrypted, since that decides who can read it.
func encryptionNote(encrypted bool) app.UI {
	if encrypted {
		return app.P().Class("live-note live-note-encrypted").Text(
			"🔒 This room is end-to-end encrypted: only its members can read what is written here. " +
				"The server passes on sealed envelopes it cannot open.")
	}
	return app.P().Class("live-note").Text(
		"This room is not end-to-end encrypted: the server can read what you write here. " +
			"Private rooms you make here, like those in real Matrix apps, are encrypted, so only the people in them can read them.")
}

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
