package live

import (
	"context"
	"strings"
	"time"
)

// Secure backup for the chapter "Keeping your messages" (widget
// key-backup): set up recovery, show the new recovery key once, have the
// reader type it back, and say how the backup is doing. The key lives only
// in this page's memory until it is confirmed, and never in storage.

// KeysView is what the key-backup widget shows.
type KeysView struct {
	// BackupOn: recovery is set up for this account on this device.
	BackupOn bool
	// KeysWaiting is how many message keys are not backed up yet.
	KeysWaiting int
	// NewKey is the recovery key just made, to show with Copy and Download
	// until the reader has typed it back; "" otherwise.
	NewKey string
}

// Keys is the key-backup state at this moment.
func (m *Model) Keys() KeysView {
	client := m.currentClient()
	m.mu.Lock()
	v := KeysView{NewKey: m.newRecoveryKey}
	m.mu.Unlock()
	if client != nil {
		st := client.Backup(context.Background()) // local: no request
		v.BackupOn, v.KeysWaiting = st.On, st.Waiting
	}
	return v
}

// SetUpRecovery makes a recovery key, secret storage, cross-signing keys
// and a key backup for the signed-in reader (matrix.Client.SetUpRecovery),
// and keeps the key to show. It blocks until the server has answered, and
// returns "" or the sentence that says what went wrong.
func (m *Model) SetUpRecovery() string {
	client := m.currentClient()
	if client == nil {
		return m.say("keys.sign_in_to_set_up")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	key, err := client.SetUpRecovery(ctx)
	if err != nil {
		return m.Message(err)
	}
	m.update(func() { m.newRecoveryKey = key })
	return ""
}

// ConfirmRecoveryKey checks the key the reader typed back against the one
// shown (spaces and letter case aside, as a typed key has them). On a match
// the key is forgotten here: from now on only the reader has it. It returns
// "" or the sentence to show under the field.
func (m *Model) ConfirmRecoveryKey(typed string) string {
	m.mu.Lock()
	shown := m.newRecoveryKey
	m.mu.Unlock()
	if shown == "" || normalKey(typed) != normalKey(shown) {
		return m.say("keys.not_the_key_shown")
	}
	m.update(func() { m.newRecoveryKey = "" })
	return ""
}

func normalKey(k string) string {
	return strings.ToLower(strings.Join(strings.Fields(k), ""))
}

// RestoreFromRecoveryKey uses the reader's recovery key on this device
// (a new browser, a fresh profile): it is verified with the account's
// cross-signing keys and the key backup is downloaded, so messages from
// before it existed can be read. A wrong key changes nothing and gets its
// sentence ("" when restored). The open room's
// history is read again afterwards.
func (m *Model) RestoreFromRecoveryKey(typed string) string {
	client := m.currentClient()
	if client == nil {
		return m.say("keys.sign_in_to_restore")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := client.RestoreWithRecoveryKey(ctx, strings.TrimSpace(typed)); err != nil {
		return m.Message(err)
	}
	m.mu.Lock()
	room := m.room.ID
	m.mu.Unlock()
	if room != "" {
		m.loadHistory(ctx, client, room) // now readable: replaces the unreadable lines
	}
	m.changed()
	return ""
}
