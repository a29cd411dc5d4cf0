package live

import (
	"encoding/json"
	"slices"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// roomListState is what the sync loop says about the reader's rooms and
// the people they ignore, and how far they have read in each room.
type roomListState struct {
	rooms   []matrix.RoomSummary // newest activity first (the core sorts)
	ignored []id.UserID
	// marks holds, per room, the time of the newest message there while
	// the reader had the room open: messages from others after it are
	// unread. It is kept in storage (readKey) for the next visit.
	marks    map[id.RoomID]int64 // Unix milliseconds
	marksFor id.UserID           // whose marks were loaded
	note     string              // a sentence about the last room action, for the list
}

// readKey is where the read marks are kept in storage.kv.
const readKey = "live/read"

type savedMarks struct {
	User  id.UserID           `json:"user"`
	Marks map[id.RoomID]int64 `json:"marks"`
}

// RoomID names a room for the widgets, which do not import the core.
type RoomID = id.RoomID

// RoomItem is one room in the list the reader switches between.
type RoomItem struct {
	ID     id.RoomID
	Title  string // text, never markup: a name someone chose
	Unread int    // messages from others since the reader last had it open
	Open   bool   // the room the chat shows
	Direct bool
}

// UnreadLabel says how many messages wait in a room: "" for none.
func (r RoomItem) UnreadLabel() string {
	if r.Unread == 0 {
		return ""
	}
	return sayN("rooms.unread", r.Unread)
}

// IgnoredPerson is someone the reader ignores, for the list that brings
// them back.
type IgnoredPerson struct {
	UserID id.UserID
	Name   string // their display name where the chat knew one, else ""
}

// Label is how the list names them: the display name with the ID, or the
// ID alone.
func (p IgnoredPerson) Label() string {
	if p.Name == "" {
		return string(p.UserID)
	}
	return p.Name + " (" + string(p.UserID) + ")"
}

// roomTitle is how the list names a room: its name, else its address,
// else, for a direct chat or an unnamed room with someone in it, that
// person's display name (or ID), else a neutral label.
func roomTitle(r matrix.RoomSummary) string {
	switch {
	case r.Name != "":
		return r.Name
	case r.Alias != "":
		return string(r.Alias)
	case r.WithName != "":
		return r.WithName
	case r.With != "":
		return string(r.With)
	}
	return say("rooms.unnamed") // no name, no address, nobody else to name it after
}

// loadMarksLocked reads the read marks from storage the first time the
// signed-in reader needs them. s.mu is held.
func (s *state) loadMarksLocked() {
	if s.list.marksFor == s.userID && s.list.marks != nil {
		return
	}
	s.list.marks, s.list.marksFor = map[id.RoomID]int64{}, s.userID
	if s.storage.kv == nil {
		return // the prerenderer: nobody is signed in
	}
	var saved savedMarks
	if b, ok, _ := s.storage.kv.Get(readKey); ok && json.Unmarshal(b, &saved) == nil && saved.User == s.userID {
		for room, at := range saved.Marks {
			s.list.marks[room] = at
		}
	}
}

// markReadLocked records that the reader has room open with everything in
// it before at seen, and saves the marks when they moved. s.mu is held.
func (s *state) markReadLocked(room id.RoomID, at int64) {
	if room == "" || s.userID == "" {
		return
	}
	s.loadMarksLocked()
	if at <= s.list.marks[room] {
		return
	}
	s.list.marks[room] = at
	if b, err := json.Marshal(savedMarks{User: s.userID, Marks: s.list.marks}); err == nil && s.storage.kv != nil {
		_ = s.storage.kv.Set(readKey, b)
	}
}

// markOpenReadLocked marks the open room read up to its newest message.
// A room that shows none yet is marked as its messages arrive (runSync):
// the browser's clock is not the server's, so "now" would be no mark.
// s.mu is held.
func (s *state) markOpenReadLocked() {
	if msgs := s.timeline[s.room.ID]; len(msgs) > 0 {
		s.markReadLocked(s.room.ID, msgs[len(msgs)-1].Timestamp.UnixMilli())
	}
}

// unreadLocked counts the messages from others in room after its read
// mark, leaving out people the reader ignores. s.mu is held.
func (s *state) unreadLocked(room id.RoomID) int {
	s.loadMarksLocked()
	mark := s.list.marks[room]
	n := 0
	for _, m := range s.timeline[room] {
		if !m.Own && m.Sender != s.userID && m.Timestamp.UnixMilli() > mark && !slices.Contains(s.list.ignored, m.Sender) {
			n++
		}
	}
	return n
}

// applyRoomList adds the room list and the ignored people to v, and hides
// what ignored people wrote or sent: their lines and their invitations.
// s.mu is held.
func (s *state) applyRoomList(v *View) {
	v.RoomNote = s.list.note
	for _, r := range s.list.rooms {
		item := RoomItem{ID: r.ID, Title: roomTitle(r), Open: r.ID == s.room.ID, Direct: r.Direct}
		if !item.Open {
			item.Unread = s.unreadLocked(r.ID)
		}
		v.Rooms = append(v.Rooms, item)
	}
	if len(s.list.ignored) == 0 {
		return
	}
	for _, u := range s.list.ignored {
		v.Ignored = append(v.Ignored, IgnoredPerson{UserID: u, Name: s.knownNameLocked(u)})
	}
	v.Lines = slices.DeleteFunc(v.Lines, func(l ChatLine) bool { return !l.Own && slices.Contains(s.list.ignored, l.Sender) })
	v.Invites = slices.DeleteFunc(v.Invites, func(inv InviteView) bool { return slices.Contains(s.list.ignored, inv.Inviter) })
}

// knownNameLocked is a display name user wrote under in any room the chat
// holds, or "". s.mu is held.
func (s *state) knownNameLocked(user id.UserID) string {
	for _, msgs := range s.timeline {
		for _, m := range msgs {
			if m.Sender == user && m.SenderName != "" {
				return m.SenderName
			}
		}
	}
	return ""
}

// titleOf is the list's title for room, or "" when the list has no such
// room. s.mu is held.
func (s *state) titleOfLocked(room id.RoomID) string {
	for _, r := range s.list.rooms {
		if r.ID == room {
			return roomTitle(r)
		}
	}
	return ""
}
