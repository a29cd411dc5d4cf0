package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/words"
)

// encryptionNote says under the chat whether the open room is end-to-end
// encrypted, since that decides who can read it.
func encryptionNote(t *words.Words, encrypted bool) app.UI {
	if encrypted {
		return app.P().Class("live-note live-note-encrypted").Text(t.Say("live.lock.encrypted"))
	}
	return app.P().Class("live-note").Text(t.Say("live.lock.not_encrypted"))
}

// lockFor is the small lock beside a message that was end-to-end encrypted
// and has been decrypted; nothing for the others. Its label says in words
// what the symbol means, for screen readers and a hovering pointer.
func lockFor(t *words.Words, l live.ChatLine) app.UI {
	if !l.Locked {
		return nil
	}
	label := t.Say("live.lock.label")
	return app.Span().Class("live-line-lock").Title(label).Aria("label", label).Text("🔒")
}
