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

// recoveryReminder is the page load's reminder state, under the model's
// mu, for the reader signed in (another sign-in starts afresh).
type recoveryReminder struct {
	user      id.UserID
	showing   bool // shown in this page load, until dismissed
	dismissed bool
}

// Identity is the identity note's state at this moment. It asks the
// server nothing.
func (m *Model) Identity() IdentityView {
	client := m.currentClient()
	if client == nil {
		return IdentityView{}
	}
	var v IdentityView
	switch client.IdentityState() {
	case matrix.IdentityUnverified:
		v.Unverified = true
	case matrix.IdentityVerified:
		v.Remind = m.remindRecovery(client)
	}
	return v
}

// remindRecovery says whether to show the reminder now: in an encrypted
// room, to a verified device without a key backup, once. The first time
// it says yes, storage remembers it, so the next page load is quiet.
func (m *Model) remindRecovery(client *matrix.Client) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.reminder.user != m.userID {
		m.reminder.user, m.reminder.showing, m.reminder.dismissed = m.userID, false, false
	}
	if m.reminder.dismissed || m.room.ID == "" || !client.RoomEncrypted(m.room.ID) {
		return false
	}
	if client.Backup(context.Background()).On { // local: no request
		return false
	}
	if m.reminder.showing {
		return true
	}
	if _, done, _ := m.storage.kv.Get(remindedKey); done {
		return false
	}
	_ = m.storage.kv.Set(remindedKey, []byte("1"))
	m.reminder.showing = true
	return true
}

// DismissReminder hides the recovery reminder for good.
func (m *Model) DismissReminder() {
	m.update(func() { m.reminder.dismissed, m.reminder.showing = true, false })
}
