package live

import (
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

func TestShortTime(t *testing.T) {
	zone := time.FixedZone("UTC+05:30", 5*3600+1800)
	now := time.Date(2026, 12, 2, 1, 0, 0, 0, zone)
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 20, 5, 0, 0, time.UTC), "01:35"},            // today, in the reader's zone
		{time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC), "1 Dec, 23:30"},     // yesterday there
		{time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC), "4 Mar 2025, 15:30"}, // another year
	} {
		if got := ShortTime(tc.at, now); got != tc.want {
			t.Errorf("ShortTime(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
}

func TestFirstUnseen(t *testing.T) {
	lines := []ChatLine{{Key: "$1"}, {Key: "$2"}, {Key: "$3", Own: true}, {Key: "$4"}, {Key: "$5"}}
	for _, tc := range []struct {
		seen     string
		first, n int
	}{
		{"$5", -1, 0}, // seen everything
		{"$2", 3, 2},  // own lines are not news
		{"$1", 1, 3},
		{"", -1, 0},
		{"$gone", -1, 0},
	} {
		if first, n := FirstUnseen(lines, tc.seen); first != tc.first || n != tc.n {
			t.Errorf("FirstUnseen(seen %q) = %d, %d; want %d, %d", tc.seen, first, n, tc.first, tc.n)
		}
	}
}

func TestWho(t *testing.T) {
	for _, tc := range []struct {
		l    ChatLine
		want string
	}{
		{ChatLine{Sender: "@me:hs", SenderName: "Me", Own: true}, "You"},
		{ChatLine{Sender: "@a:hs", SenderName: "<b>Alice</b>"}, "<b>Alice</b>"},
		{ChatLine{Sender: "@a:hs"}, "@a:hs"},
	} {
		if got := New().Who(tc.l); got != tc.want {
			t.Errorf("Who(%+v) = %q, want %q", tc.l, got, tc.want)
		}
	}
}

// The reader's own lines are marked the same whichever way they came: an
// outbox entry still sending, the echo of one sent in this visit, or a
// history line after a reload that only says who sent it.
func TestOwnLinesMarkedAlike(t *testing.T) {
	room, me := id.RoomID("!r:hs"), id.UserID("@me:hs")
	events := []matrix.RoomMessage{
		{RoomID: room, EventID: "$h", Sender: me, Body: "from history", Timestamp: time.Unix(1, 0)},
		{RoomID: room, EventID: "$e", Sender: me, Body: "echo", Own: true, TxnID: "t1", Timestamp: time.Unix(2, 0)},
		{RoomID: room, EventID: "$o", Sender: "@them:hs", SenderName: "Them", Body: "theirs", Timestamp: time.Unix(3, 0)},
	}
	outbox := []matrix.PendingMessage{{TxnID: "t2", RoomID: room, Body: "sending", State: matrix.StateSending, CreatedAt: time.Unix(4, 0)}}
	m := New()
	for _, l := range chatLines(english, room, me, events, outbox) {
		own := l.Body != "theirs"
		if l.Own != own || (own && (m.Who(l) != "You" || l.Sender != me)) || (!own && m.Who(l) != "Them") {
			t.Errorf("%q: own %v, who %q, sender %q", l.Body, l.Own, m.Who(l), l.Sender)
		}
	}
}

// The sync's position for older messages is taken until a page fetched
// from the newest gives one; then the sync's is ignored.
func TestHistoryPositionPrefersPages(t *testing.T) {
	var h historyState
	room := id.RoomID("!r:hs")
	h.offer(room, "sync1")
	if r := h.room(room); r.from != "sync1" {
		t.Fatalf("from = %q after the sync, want sync1", r.from)
	}
	r := h.room(room)
	r.from, r.fetched = "page1", true
	h.offer(room, "sync2")
	if r.from != "page1" {
		t.Errorf("from = %q, want the page's", r.from)
	}
	r.none = true
	if v := h.view(english, room); !v.None || v.Note != New().Say(HistoryNone) {
		t.Errorf("at the start: %+v", v)
	}
}
