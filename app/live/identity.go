package live

import (
	"context"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// What the chat says about this device's cross-signing identity (the core
// makes one at sign-in when the account has none, matrix.IdentityState):
// an unverified device is told plainly what it cannot read and offered
// the recovery key; a verified one without a recovery key is reminded
// once, in an encrypted room, that the recovery key keeps its history.

// IdentityView is what the identity note in the chat shows.
type IdentityView struct {
	// Unverified: the account's identity was made elsewhere and this
	// device is not verified: show UnverifiedNote and a recovery key field.
	Unverified bool
	// Remind: show RecoveryReminder (one page load, then never again for
	// this sign-in, until DismissReminder).
	Remind bool
}

// The identity note's sentences (Say).
const (
	UnverifiedNote       Key = "identity.unverified"
	VerifiedNow          Key = "identity.verified_now"
	RecoveryReminder     Key = "identity.recovery_reminder"
	RecoveryReminderLink Key = "identity.recovery_reminder_link"
)

// RecoveryReminderChapter is the chapter RecoveryReminderLink opens.
const RecoveryReminderChapter = "key-backup"

// remindedKey marks, in storage, that the recovery reminder was shown
// for this sign-in (logging out removes it with the rest).
const remindedKey = "live/recovery-reminded"

// reminder is the page load's reminder state, under the.mu, for the
// reader signed in (another sign-in starts afresh).
var reminder struct {
	user      id.UserID
	showing   bool // shown in this page load, until dismissed
	dismissed bool
}

// Identity is the identity note's state at this moment. It asks the
// server nothing.
func Identity() IdentityView {
	s := the
	client := s.currentClient()
	if client == nil {
		return IdentityView{}
	}
	var v IdentityView
	switch client.IdentityState() {
	case matrix.IdentityUnverified:
		v.Unverified = true
	case matrix.IdentityVerified:
		v.Remind = s.remindRecovery(client)
	}
	return v
}

// remindRecovery says whether to show the reminder now: in an encrypted
// room, to a verified device without a key backup, once. The first time
// it says yes, storage remembers it, so the next page load is quiet.
func (s *state) remindRecovery(client *matrix.Client) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if reminder.user != s.userID {
		reminder.user, reminder.showing, reminder.dismissed = s.userID, false, false
	}
	if reminder.dismissed || s.room.ID == "" || !client.RoomEncrypted(s.room.ID) {
		return false
	}
	if client.Backup(context.Background()).On { // local: no request
		return false
	}
	if reminder.showing {
		return true
	}
	if _, done, _ := s.storage.kv.Get(remindedKey); done {
		return false
	}
	_ = s.storage.kv.Set(remindedKey, []byte("1"))
	reminder.showing = true
	return true
}

// DismissReminder hides the recovery reminder for good.
func DismissReminder() {
	the.update(func() { reminder.dismissed, reminder.showing = true, false })
}
