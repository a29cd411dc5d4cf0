package live

import (
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

func TestRoomTitle(t *testing.T) {
	for _, tc := range []struct {
		r    matrix.RoomSummary
		want string
	}{
		{matrix.RoomSummary{ID: "!a", Name: "Plants", Alias: "#plants:x", WithName: "Bee"}, "Plants"},
		{matrix.RoomSummary{ID: "!a", Alias: "#plants:x", WithName: "Bee"}, "#plants:x"},
		{matrix.RoomSummary{ID: "!a", With: "@bee:x", WithName: "Bee", Direct: true}, "Bee"},
		{matrix.RoomSummary{ID: "!a", With: "@bee:x", Direct: true}, "@bee:x"},
		{matrix.RoomSummary{ID: "!a:x"}, english.Say("rooms.unnamed")}, // never the room ID
	} {
		if got := roomTitle(english, tc.r); got != tc.want {
			t.Errorf("roomTitle(%+v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}

// Unread counts only others' messages after the room's read mark, leaves
// out the open room and ignored people; ignored people's lines and
// invitations are hidden from the view.
func TestRoomListView(t *testing.T) {
	me, bee, pest := id.UserID("@me:x"), id.UserID("@bee:x"), id.UserID("@pest:x")
	at := func(sec int) time.Time { return time.Unix(1_700_000_000+int64(sec), 0) }
	msg := func(room id.RoomID, ev string, from id.UserID, sec int) matrix.RoomMessage {
		return matrix.RoomMessage{RoomID: room, EventID: id.EventID(ev), Sender: from, Own: from == me, Body: ev, Timestamp: at(sec)}
	}
	s := New()
	s.userID, s.storage = me, memoryStorage("")
	s.room = Room{User: me, ID: "!open"}
	s.timeline["!open"] = []matrix.RoomMessage{msg("!open", "$o1", bee, 1), msg("!open", "$o2", pest, 2)}
	s.timeline["!other"] = []matrix.RoomMessage{msg("!other", "$1", bee, 1), msg("!other", "$2", me, 2), msg("!other", "$3", bee, 3), msg("!other", "$4", pest, 4)}
	s.list.rooms = []matrix.RoomSummary{{ID: "!other", Name: "Other"}, {ID: "!open", Name: "Open"}}
	s.invites = []pendingInvite{{Invite: Invite{RoomID: "!i1", Inviter: pest}}, {Invite: Invite{RoomID: "!i2", Inviter: bee}}}

	view := func() View {
		v := View{Lines: chatLines(english, "!open", me, s.timeline["!open"], nil)}
		for _, p := range s.invites {
			v.Invites = append(v.Invites, inviteView(english, p))
		}
		s.applyRoomList(&v)
		return v
	}
	v := view()
	if len(v.Rooms) != 2 || v.Rooms[0].Title != "Other" || v.Rooms[0].Unread != 3 || !v.Rooms[1].Open || v.Rooms[1].Unread != 0 {
		t.Fatalf("rooms %+v, want Other with 3 unread (never opened), then Open", v.Rooms)
	}
	if s.UnreadLabel(v.Rooms[0]) != "3 new" || s.UnreadLabel(v.Rooms[1]) != "" {
		t.Errorf("labels %q, %q", s.UnreadLabel(v.Rooms[0]), s.UnreadLabel(v.Rooms[1]))
	}
	s.markReadLocked("!other", at(1).UnixMilli())
	if v := view(); v.Rooms[0].Unread != 2 {
		t.Errorf("after a mark at the first message: %d unread, want 2", v.Rooms[0].Unread)
	}
	// The mark survives in storage for the next visit, for this reader only.
	s2 := New()
	s2.userID, s2.storage = me, s.storage
	if s2.loadMarksLocked(); s2.list.marks["!other"] != at(1).UnixMilli() {
		t.Errorf("marks from storage: %v", s2.list.marks)
	}
	s3 := New()
	s3.userID, s3.storage = "@someone-else:x", s.storage
	if s3.loadMarksLocked(); len(s3.list.marks) != 0 {
		t.Errorf("another account read the marks %v", s3.list.marks)
	}

	s.list.ignored = []id.UserID{pest}
	v = view()
	if v.Rooms[0].Unread != 1 {
		t.Errorf("with %s ignored: %d unread, want 1", pest, v.Rooms[0].Unread)
	}
	if len(v.Lines) != 1 || v.Lines[0].Sender != bee {
		t.Errorf("lines with %s ignored: %+v", pest, v.Lines)
	}
	if len(v.Invites) != 1 || v.Invites[0].Inviter != bee {
		t.Errorf("invites with %s ignored: %+v", pest, v.Invites)
	}
	if len(v.Ignored) != 1 || v.Ignored[0].Label() != string(pest) {
		t.Errorf("ignored people %+v", v.Ignored)
	}
}
