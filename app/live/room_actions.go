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
func (s *state) roomAction() (*matrix.Client, context.Context, context.CancelFunc) {
	client := s.currentClient()
	if client == nil {
		return nil, nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomTimeout)
	return client, ctx, cancel
}

// OpenRoom switches the chat to one of the reader's rooms from the list.
// It blocks while the room's recent messages load.
func OpenRoom(room id.RoomID) {
	s := the
	s.mu.Lock()
	client, label := s.client, s.titleOfLocked(room)
	s.mu.Unlock()
	if client == nil || label == "" {
		return
	}
	s.openRoom(client, room, label)
}

// LeaveRoom leaves room: it drops out of the list, and when the chat shows
// it, the chat goes back to choosing a room. It blocks until the server
// answers.
func LeaveRoom(room id.RoomID) error {
	s := the
	client, ctx, cancel := s.roomAction()
	if client == nil {
		return notSignedIn
	}
	defer cancel()
	if err := client.LeaveRoom(ctx, room); err != nil {
		return err
	}
	s.mu.Lock()
	title := s.titleOfLocked(room)
	open := s.room.ID == room
	s.list.rooms = slices.DeleteFunc(s.list.rooms, func(r matrix.RoomSummary) bool { return r.ID == room })
	delete(s.timeline, room)
	s.list.note = ""
	if title != "" {
		s.list.note = say("rooms.left", "room", title)
	}
	s.mu.Unlock()
	if open {
		CloseRoom()
	} else {
		s.changed()
	}
	return nil
}

// StartDirectChat opens a direct chat with the person whose Matrix ID was
// typed: the one the reader already has with them, or a new encrypted one
// that other apps list as a direct chat. It blocks until the server
// answers. A chat that was made but could not be marked as direct opens
// all the same, with a note saying so.
func StartDirectChat(userID string) error {
	s := the
	client, ctx, cancel := s.roomAction()
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
		note = Message(err)
	}
	s.mu.Lock()
	s.list.rooms = client.Rooms()
	label := s.titleOfLocked(room)
	s.mu.Unlock()
	if label == "" {
		label = string(user)
	}
	s.openRoom(client, room, label)
	if note != "" {
		s.update(func() { s.list.note = note })
	}
	return nil
}

// IgnoreUser hides user: their messages go from the chat at once and
// their invitations are not shown; the server stops sending either. It
// returns the sentence to show. It blocks until the server answers.
func IgnoreUser(user id.UserID, name string) (string, error) {
	s := the
	client, ctx, cancel := s.roomAction()
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
	done := say("rooms.ignoring", "who", who)
	s.update(func() {
		s.list.ignored = client.IgnoredUsers()
		s.list.note = done
	})
	return done, nil
}

// UnignoreUser brings user back: the messages of theirs that the chat
// still holds show again, and the open room's recent messages are loaded
// again so that what they wrote meanwhile appears too. It blocks until the
// server answers.
func UnignoreUser(user id.UserID) error {
	s := the
	client, ctx, cancel := s.roomAction()
	if client == nil {
		return notSignedIn
	}
	defer cancel()
	if err := client.UnignoreUser(ctx, user); err != nil {
		return err
	}
	s.mu.Lock()
	s.list.ignored = client.IgnoredUsers()
	s.list.note = say("rooms.unignored", "who", string(user))
	room := s.room.ID
	s.mu.Unlock()
	s.changed()
	if room != "" {
		s.loadHistory(ctx, client, room)
	}
	return nil
}

// ReportMessage sends a report about the open room's message eventID to
// the administrators of the reader's server, with the reader's reason,
// and returns the sentence confirming it. It blocks until the server
// answers.
func ReportMessage(eventID string, reason string) (string, error) {
	s := the
	client, ctx, cancel := s.roomAction()
	if client == nil {
		return "", notSignedIn
	}
	defer cancel()
	s.mu.Lock()
	room, me := s.room.ID, s.userID
	s.mu.Unlock()
	if err := client.ReportMessage(ctx, room, id.EventID(eventID), reason); err != nil {
		return "", err
	}
	server := say("rooms.your_server")
	if _, hs, err := me.Parse(); err == nil && hs != "" {
		server = hs
	}
	return say("rooms.reported", "server", server), nil
}
