package live

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// roomTimeout bounds joining or creating a room; the core already waits out
// rate limits within it.
const roomTimeout = time.Minute

// notSignedIn is what a room action says when the session ended meanwhile.
var notSignedIn = &matrix.Error{Kind: matrix.KindTokenExpired, Reason: reasonSignInFirst}

// reasonSignInFirst (KindTokenExpired): no session to act with.
const reasonSignInFirst matrix.Reason = "sign_in_first"

// JoinRoom joins a public room by its address and opens it in the chat.
// It blocks until the server answers.
func (m *Model) JoinRoom(address string) error {
	client := m.currentClient()
	if client == nil {
		return notSignedIn
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomTimeout)
	defer cancel()
	roomID, err := client.JoinRoom(ctx, address)
	if err != nil {
		return err
	}
	label := strings.TrimSpace(address)
	if !strings.HasPrefix(label, "#") {
		label = m.say("rooms.the_room_you_joined")
	}
	m.openRoom(client, roomID, label)
	return nil
}

// CreatePrivateRoom makes an invite-only room, inviting invitee when one is
// given, and opens it in the chat. It blocks until the server answers.
func (m *Model) CreatePrivateRoom(invitee string) error {
	client := m.currentClient()
	if client == nil {
		return notSignedIn
	}
	var invite []id.UserID
	label := m.say("rooms.your_private_room")
	if u := strings.TrimSpace(invitee); u != "" {
		invite = append(invite, id.UserID(u))
		label = m.say("rooms.private_room_with", "who", u)
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomTimeout)
	defer cancel()
	roomID, err := client.CreatePrivateRoom(ctx, "", invite...)
	if err != nil {
		return err
	}
	m.openRoom(client, roomID, label)
	return nil
}

// openRoom shows roomID in the chat, remembers it for the next visit and
// loads what was said there before.
func (m *Model) openRoom(client *matrix.Client, roomID id.RoomID, label string) {
	room := Room{User: client.Session().UserID, ID: roomID, Label: label}
	m.mu.Lock()
	if m.client != client {
		m.mu.Unlock()
		return // signed out meanwhile
	}
	m.markOpenReadLocked() // the room left behind, read to its end (room_list.go)
	m.room = room
	m.list.note = ""
	m.markOpenReadLocked()
	m.history.room(roomID).recent = true // loadHistory, below
	kv := m.storage.kv
	m.mu.Unlock()
	m.changed()
	if b, err := json.Marshal(room); err == nil {
		_ = kv.Set(roomKey, b)
	}
	m.loadHistory(context.Background(), client, roomID)
}

// CloseRoom goes back to choosing a room. The reader stays a member: it
// only changes what the chat shows.
func (m *Model) CloseRoom() {
	m.mu.Lock()
	m.markOpenReadLocked() // room_list.go
	m.room = Room{}
	kv := m.storage.kv
	m.mu.Unlock()
	m.changed()
	if kv != nil {
		_ = kv.Delete(roomKey)
	}
}

// Queue writes body to the outbox of the open room at once, so it shows as
// "sending" before any request, and returns its transaction ID; Deliver
// then sends it.
func (m *Model) Queue(body string) (txnID string, err error) {
	m.mu.Lock()
	client, room := m.client, m.room.ID
	m.mu.Unlock()
	if client == nil {
		return "", notSignedIn
	}
	msg, err := client.Queue(room, body)
	if err != nil {
		return "", err
	}
	return msg.TxnID, nil
}

// Deliver sends (or sends again, after a failure: Retry in the chat) the
// outbox message txnID, always with its original transaction ID, so a
// retry after a lost answer cannot post it twice. Its state changes reach
// the chat through the outbox observer set up in adopt. It blocks until
// the server answers. When the answer is that the session has ended but
// its device is kept (a soft logout, a locked account), the page says so
// at once instead of at sync's next poll, up to half a minute later; the
// message stays in the outbox for the next sign-in.
func (m *Model) Deliver(txnID string) {
	client := m.currentClient()
	if client == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := client.Retry(ctx, txnID)
	if keepsDevice(err) {
		m.endSoftly(client, err)
	}
}
