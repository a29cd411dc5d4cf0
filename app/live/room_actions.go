package live

import (
	"context"
	"slices"
	"strings"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// Field for the direct-chat form's user ID, and for a report's reason.
const (
	FieldDirect Field = "direct"
	FieldReason Field = "reason"
)

func init() {
	fieldOfKind[matrix.KindUserNotFound] = FieldDirect
	fieldOfKind[matrix.KindMissingReason] = FieldReason
}

// roomAction is the signed-in client and a context bounded by roomTimeout
// for one room action; client is nil when nobody is signed in.
func (m *Model) roomAction() (*matrix.Client, context.Context, context.CancelFunc) {
	client := m.currentClient()
	if client == nil {
		return nil, nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomTimeout)
	return client, ctx, cancel
}

// OpenRoom switches the chat to one of the reader's rooms from the list.
// It blocks while the room's recent messages load.
func (m *Model) OpenRoom(room id.RoomID) {
	m.mu.Lock()
	client, label := m.client, m.titleOfLocked(room)
	m.mu.Unlock()
	if client == nil || label == "" {
		return
	}
	m.openRoom(client, room, label)
}

// LeaveRoom leaves room: it drops out of the list, and when the chat shows
// it, the chat goes back to choosing a room. It blocks until the server
// answers.
func (m *Model) LeaveRoom(room id.RoomID) error {
	client, ctx, cancel := m.roomAction()
	if client == nil {
		return notSignedIn
	}
	defer cancel()
	if err := client.LeaveRoom(ctx, room); err != nil {
		return err
	}
	m.mu.Lock()
	title := m.titleOfLocked(room)
	open := m.room.ID == room
	m.list.rooms = slices.DeleteFunc(m.list.rooms, func(r matrix.RoomSummary) bool { return r.ID == room })
	delete(m.timeline, room)
	m.list.note = ""
	if title != "" {
		m.list.note = m.say("rooms.left", "room", title)
	}
	m.mu.Unlock()
	if open {
		m.CloseRoom()
	} else {
		m.changed()
	}
	return nil
}

// StartDirectChat opens a direct chat with the person whose Matrix ID was
// typed: the one the reader already has with them, or a new encrypted one
// that other apps list as a direct chat. It blocks until the server
// answers. A chat that was made but could not be marked as direct opens
// all the same, with a note saying so.
func (m *Model) StartDirectChat(userID string) error {
	client, ctx, cancel := m.roomAction()
	if client == nil {
		return notSignedIn
	}
	defer cancel()
	user := id.UserID(strings.TrimSpace(userID))
	room, err := client.CreateDirectChat(ctx, user)
	if room == "" {
		return err
	}
	note := ""
	if err != nil {
		note = m.Message(err)
	}
	m.mu.Lock()
	m.list.rooms = client.Rooms()
	label := m.titleOfLocked(room)
	m.mu.Unlock()
	if label == "" {
		label = string(user)
	}
	m.openRoom(client, room, label)
	if note != "" {
		m.update(func() { m.list.note = note })
	}
	return nil
}

// IgnoreUser hides user: their messages go from the chat at once and
// their invitations are not shown; the server stops sending either. It
// returns the sentence to show. It blocks until the server answers.
func (m *Model) IgnoreUser(user id.UserID, name string) (string, error) {
	client, ctx, cancel := m.roomAction()
	if client == nil {
		return "", notSignedIn
	}
	defer cancel()
	if err := client.IgnoreUser(ctx, user); err != nil {
		return "", err
	}
	who := string(user)
	if name != "" {
		who = name
	}
	done := m.say("rooms.ignoring", "who", who)
	m.update(func() {
		m.list.ignored = client.IgnoredUsers()
		m.list.note = done
	})
	return done, nil
}

// UnignoreUser brings user back: the messages of theirs that the chat
// still holds show again, and the open room's recent messages are loaded
// again so that what they wrote meanwhile appears too. It blocks until the
// server answers.
func (m *Model) UnignoreUser(user id.UserID) error {
	client, ctx, cancel := m.roomAction()
	if client == nil {
		return notSignedIn
	}
	defer cancel()
	if err := client.UnignoreUser(ctx, user); err != nil {
		return err
	}
	m.mu.Lock()
	m.list.ignored = client.IgnoredUsers()
	m.list.note = m.say("rooms.unignored", "who", string(user))
	room := m.room.ID
	m.mu.Unlock()
	m.changed()
	if room != "" {
		m.loadHistory(ctx, client, room)
	}
	return nil
}

// ReportMessage sends a report about the open room's message eventID to
// the administrators of the reader's server, with the reader's reason,
// and returns the sentence confirming it. It blocks until the server
// answers.
func (m *Model) ReportMessage(eventID string, reason string) (string, error) {
	client, ctx, cancel := m.roomAction()
	if client == nil {
		return "", notSignedIn
	}
	defer cancel()
	m.mu.Lock()
	room, me := m.room.ID, m.userID
	m.mu.Unlock()
	if err := client.ReportMessage(ctx, room, id.EventID(eventID), reason); err != nil {
		return "", err
	}
	server := m.say("rooms.your_server")
	if _, hs, err := me.Parse(); err == nil && hs != "" {
		server = hs
	}
	return m.say("rooms.reported", "server", server), nil
}
