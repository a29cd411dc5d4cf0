package live

import (
	"encoding/json"
	"slices"

	"maunium.net/go/mautrix/id"

	"hellomatrix/app/words"
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

// UnreadLabel says how many messages wait in room r: "" for none.
func (m *Model) UnreadLabel(r RoomItem) string {
	if r.Unread == 0 {
		return ""
	}
	return m.sayN("rooms.unread", r.Unread)
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
// person's display name (or ID), else a neutral label in w's words.
func roomTitle(w *words.Words, r matrix.RoomSummary) string {
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
	return w.Say("rooms.unnamed") // no name, no address, nobody else to name it after
}

// loadMarksLocked reads the read marks from storage the first time the
// signed-in reader needs them. m.mu is held.
func (m *Model) loadMarksLocked() {
	if m.list.marksFor == m.userID && m.list.marks != nil {
		return
	}
	m.list.marks, m.list.marksFor = map[id.RoomID]int64{}, m.userID
	if m.storage.kv == nil {
		return // the prerenderer: nobody is signed in
	}
	var saved savedMarks
	if b, ok, _ := m.storage.kv.Get(readKey); ok && json.Unmarshal(b, &saved) == nil && saved.User == m.userID {
		for room, at := range saved.Marks {
			m.list.marks[room] = at
		}
	}
}

// markReadLocked records that the reader has room open with everything in
// it before at seen, and saves the marks when they moved. m.mu is held.
func (m *Model) markReadLocked(room id.RoomID, at int64) {
	if room == "" || m.userID == "" {
		return
	}
	m.loadMarksLocked()
	if at <= m.list.marks[room] {
		return
	}
	m.list.marks[room] = at
	if b, err := json.Marshal(savedMarks{User: m.userID, Marks: m.list.marks}); err == nil && m.storage.kv != nil {
		_ = m.storage.kv.Set(readKey, b)
	}
}

// markOpenReadLocked marks the open room read up to its newest message.
// A room that shows none yet is marked as its messages arrive (runSync):
// the browser's clock is not the server's, so "now" would be no mark.
// m.mu is held.
func (m *Model) markOpenReadLocked() {
	if msgs := m.timeline[m.room.ID]; len(msgs) > 0 {
		m.markReadLocked(m.room.ID, msgs[len(msgs)-1].Timestamp.UnixMilli())
	}
}

// unreadLocked counts the messages from others in room after its read
// mark, leaving out people the reader ignores. m.mu is held.
func (m *Model) unreadLocked(room id.RoomID) int {
	m.loadMarksLocked()
	mark := m.list.marks[room]
	n := 0
	for _, msg := range m.timeline[room] {
		if !msg.Own && msg.Sender != m.userID && msg.Timestamp.UnixMilli() > mark && !slices.Contains(m.list.ignored, msg.Sender) {
			n++
		}
	}
	return n
}

// applyRoomList adds the room list and the ignored people to v, and hides
// what ignored people wrote or sent: their lines and their invitations.
// m.mu is held.
func (m *Model) applyRoomList(v *View) {
	v.RoomNote = m.list.note
	for _, r := range m.list.rooms {
		item := RoomItem{ID: r.ID, Title: roomTitle(m.speaking(), r), Open: r.ID == m.room.ID, Direct: r.Direct}
		if !item.Open {
			item.Unread = m.unreadLocked(r.ID)
		}
		v.Rooms = append(v.Rooms, item)
	}
	if len(m.list.ignored) == 0 {
		return
	}
	for _, u := range m.list.ignored {
		v.Ignored = append(v.Ignored, IgnoredPerson{UserID: u, Name: m.knownNameLocked(u)})
	}
	v.Lines = slices.DeleteFunc(v.Lines, func(l ChatLine) bool { return !l.Own && slices.Contains(m.list.ignored, l.Sender) })
	v.Invites = slices.DeleteFunc(v.Invites, func(inv InviteView) bool { return slices.Contains(m.list.ignored, inv.Inviter) })
}

// knownNameLocked is a display name user wrote under in any room the chat
// holds, or "". m.mu is held.
func (m *Model) knownNameLocked(user id.UserID) string {
	for _, msgs := range m.timeline {
		for _, msg := range msgs {
			if msg.Sender == user && msg.SenderName != "" {
				return msg.SenderName
			}
		}
	}
	return ""
}

// titleOf is the list's title for room, or "" when the list has no such
// room. m.mu is held.
func (m *Model) titleOfLocked(room id.RoomID) string {
	for _, r := range m.list.rooms {
		if r.ID == room {
			return roomTitle(m.speaking(), r)
		}
	}
	return ""
}
