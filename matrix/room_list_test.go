//go:build !js

package matrix

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// listRecorder runs c.Sync and keeps the latest room list and ignored
// list it reported, and the messages it delivered.
type listRecorder struct {
	mu      sync.Mutex
	rooms   []RoomSummary
	ignored []id.UserID
	msgs    []RoomMessage
}

func startListSync(t *testing.T, c *Client) *listRecorder {
	t.Helper()
	r := &listRecorder{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.Sync(ctx, SyncHandler{
			Rooms:   func(l []RoomSummary) { r.mu.Lock(); r.rooms = l; r.mu.Unlock() },
			Ignored: func(u []id.UserID) { r.mu.Lock(); r.ignored = u; r.mu.Unlock() },
			Message: func(m RoomMessage) { r.mu.Lock(); r.msgs = append(r.msgs, m); r.mu.Unlock() },
		})
	}()
	t.Cleanup(func() { cancel(); <-done })
	return r
}

// until polls cond over the recorder's state for up to 30 s.
func (r *listRecorder) until(t *testing.T, what string, cond func(r *listRecorder) bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		r.mu.Lock()
		ok := cond(r)
		rooms := r.rooms
		r.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s; the room list is %+v", what, rooms)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func find(rooms []RoomSummary, id id.RoomID) (RoomSummary, int) {
	for i, r := range rooms {
		if r.ID == id {
			return r, i
		}
	}
	return RoomSummary{}, -1
}

// The room list from sync: a room's name, its address when it has no
// name, the other person of a direct chat by display name, the newest
// activity first; a room left drops out.
func TestRoomListFromSync(t *testing.T) { bothServers(t, testRoomListFromSync) }

func testRoomListFromSync(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	a, b := testUser(t, srv, "lister"), testUser(t, srv, "friend")
	if err := b.API().SetDisplayName(ctx, "Friendly Bee"); err != nil {
		t.Fatal(err)
	}
	named, err := a.CreatePublicRoom(ctx, "Plants <b>&</b> trees", "plants-"+strings.ToLower(uniqueName("r")))
	if err != nil {
		t.Fatal(err)
	}
	aliasLocal := "nameless-" + strings.ToLower(uniqueName("r"))
	nameless, err := a.CreatePublicRoom(ctx, "", aliasLocal)
	if err != nil {
		t.Fatal(err)
	}
	rec := startListSync(t, a)
	rec.until(t, "both rooms listed", func(r *listRecorder) bool {
		p, i := find(r.rooms, named)
		n, j := find(r.rooms, nameless)
		return i >= 0 && j >= 0 && p.Name == "Plants <b>&</b> trees" && string(n.Alias) == "#"+aliasLocal+":"+srv.ServerName
	})

	dm, err := a.CreateDirectChat(ctx, id.UserID(b.Session().UserID))
	if err != nil {
		t.Fatalf("CreateDirectChat: %v", err)
	}
	rec.until(t, "the direct chat named after the friend, first", func(r *listRecorder) bool {
		d, i := find(r.rooms, dm)
		return i == 0 && d.Direct && d.With == b.Session().UserID && d.WithName == "Friendly Bee"
	})
	if got := a.Rooms()[0].ID; got != dm {
		t.Errorf("Rooms()[0] = %s, want the direct chat %s", got, dm)
	}

	// Activity moves a room to the top.
	if _, err := a.Send(ctx, nameless, "anyone here?"); err != nil {
		t.Fatal(err)
	}
	rec.until(t, "the room just written in comes first", func(r *listRecorder) bool {
		_, i := find(r.rooms, nameless)
		return i == 0
	})

	if err := a.LeaveRoom(ctx, named); err != nil {
		t.Fatalf("LeaveRoom: %v", err)
	}
	if _, i := find(a.Rooms(), named); i >= 0 {
		t.Errorf("the room left is still in Rooms() at once")
	}
	// The leave comes back through sync, and the room stays out.
	if _, err := a.Send(ctx, nameless, "still here"); err != nil {
		t.Fatal(err)
	}
	rec.until(t, "the room left stays out of the list", func(r *listRecorder) bool {
		_, i := find(r.rooms, named)
		seen := slices.ContainsFunc(r.msgs, func(m RoomMessage) bool { return m.Body == "still here" })
		return i < 0 && seen
	})
	if err := a.LeaveRoom(ctx, named); err != nil {
		t.Errorf("leaving twice: %v", err)
	}
}

// A direct chat: is_direct on the invitation, recorded in m.direct next to
// what another app put there, the same room when asked twice; bad IDs and
// people who do not exist get their own sentences before any room is made.
func TestDirectChat(t *testing.T) { bothServers(t, testDirectChat) }

func testDirectChat(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	a, b := testUser(t, srv, "dmer"), testUser(t, srv, "dmee")
	other := map[string]any{"@someone:elsewhere.example": []string{"!old:elsewhere.example"}}
	if err := a.API().SetAccountData(ctx, "m.direct", other); err != nil {
		t.Fatal(err)
	}
	bob := b.Session().UserID
	room, err := a.CreateDirectChat(ctx, id.UserID(" "+string(bob)))
	if KindOf(err) != KindBadUserID {
		t.Errorf("an ID with a space: %v, want KindBadUserID", err)
	}
	room, err = a.CreateDirectChat(ctx, bob)
	if err != nil {
		t.Fatalf("CreateDirectChat: %v", err)
	}
	var direct map[string][]string
	if err := a.API().GetAccountData(ctx, "m.direct", &direct); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(direct[string(bob)], string(room)) || !slices.Equal(direct["@someone:elsewhere.example"], []string{"!old:elsewhere.example"}) {
		t.Errorf("m.direct = %v, want %s under %s and the other entry kept", direct, room, bob)
	}
	var member map[string]any
	if err := a.API().StateEvent(ctx, room, event.StateMember, string(bob), &member); err != nil {
		t.Fatal(err)
	}
	if member["membership"] != "invite" || member["is_direct"] != true {
		t.Errorf("the invitation's member event is %v, want membership invite with is_direct", member)
	}
	var rules map[string]any
	if err := a.API().StateEvent(ctx, room, event.StateJoinRules, "", &rules); err != nil || rules["join_rule"] != "invite" {
		t.Errorf("join rules %v (%v), want invite", rules, err)
	}
	again, err := a.CreateDirectChat(ctx, bob)
	if err != nil || again != room {
		t.Errorf("a second CreateDirectChat = %s, %v; want the same room %s", again, err, room)
	}

	ct := count(a)
	for _, bad := range []id.UserID{"", "bob", "@:" + id.UserID(srv.ServerName), "#room:" + id.UserID(srv.ServerName), a.Session().UserID} {
		if _, err := a.CreateDirectChat(ctx, bad); KindOf(err) != KindBadUserID || ReasonOf(err) == "" {
			t.Errorf("CreateDirectChat(%q) = %v, want KindBadUserID with its reason", bad, err)
		}
	}
	if n := ct.requests.Load(); n != 0 {
		t.Errorf("malformed IDs made %d requests, want 0", n)
	}
	nobody := id.UserID("@" + uniqueName("nobody") + ":" + srv.ServerName)
	_, err = a.CreateDirectChat(ctx, nobody)
	var e *Error
	if KindOf(err) != KindUserNotFound || !errors.As(err, &e) || e.User != string(nobody) {
		t.Errorf("a user who does not exist: %v (kind %s), want KindUserNotFound naming them", err, KindOf(err))
	}
	if n := ct.method("POST"); n != 0 {
		t.Errorf("%d POSTs for a user who does not exist, want none (no room made)", n)
	}
}

// Ignoring: merged into m.ignored_user_list with what is there, reported
// through sync, and undone.
func TestIgnoreUser(t *testing.T) { bothServers(t, testIgnoreUser) }

func testIgnoreUser(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	a, b := testUser(t, srv, "ignorer"), testUser(t, srv, "noisy")
	kept := "@kept:elsewhere.example"
	if err := a.API().SetAccountData(ctx, "m.ignored_user_list", map[string]any{"ignored_users": map[string]any{kept: map[string]any{}}}); err != nil {
		t.Fatal(err)
	}
	rec := startListSync(t, a)
	rec.until(t, "the ignored list from sync", func(r *listRecorder) bool { return slices.Equal(r.ignored, []id.UserID{id.UserID(kept)}) })

	bob := b.Session().UserID
	if err := a.IgnoreUser(ctx, bob); err != nil {
		t.Fatalf("IgnoreUser: %v", err)
	}
	readList := func() map[string]json.RawMessage {
		var content struct {
			Users map[string]json.RawMessage `json:"ignored_users"`
		}
		if err := a.API().GetAccountData(ctx, "m.ignored_user_list", &content); err != nil {
			t.Fatal(err)
		}
		return content.Users
	}
	if got := readList(); len(got) != 2 || got[kept] == nil || got[string(bob)] == nil {
		t.Errorf("m.ignored_user_list = %v, want %s and %s", got, kept, bob)
	}
	if got := a.IgnoredUsers(); !slices.Contains(got, bob) {
		t.Errorf("IgnoredUsers() = %v right after ignoring, want %s in it", got, bob)
	}
	rec.until(t, "sync reports both", func(r *listRecorder) bool { return len(r.ignored) == 2 })
	if err := a.IgnoreUser(ctx, a.Session().UserID); KindOf(err) != KindBadUserID {
		t.Errorf("ignoring oneself: %v, want KindBadUserID", err)
	}

	if err := a.UnignoreUser(ctx, bob); err != nil {
		t.Fatalf("UnignoreUser: %v", err)
	}
	if got := readList(); len(got) != 1 || got[kept] == nil {
		t.Errorf("after un-ignoring, m.ignored_user_list = %v, want only %s", got, kept)
	}
	rec.until(t, "sync reports the one left", func(r *listRecorder) bool { return slices.Equal(r.ignored, []id.UserID{id.UserID(kept)}) })
}

// Reporting a message with a reason; Synapse's admin API lists it.
// Dendrite answers the same endpoint; its admin side is not checked here.
func TestReportMessage(t *testing.T) { bothServers(t, testReportMessage) }

func testReportMessage(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	a, b := testUser(t, srv, "reporter"), testUser(t, srv, "rude")
	room, err := b.CreatePublicRoom(ctx, "Reports", "reports-"+strings.ToLower(uniqueName("r")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	sent, err := b.Send(ctx, room, "something rude")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ReportMessage(ctx, room, sent.EventID, "   "); KindOf(err) != KindMissingReason {
		t.Errorf("a report without a reason: %v, want KindMissingReason", err)
	}
	reason := "Rude words " + uniqueName("r")
	if err := a.ReportMessage(ctx, room, sent.EventID, " "+reason+" "); err != nil {
		t.Fatalf("ReportMessage: %v", err)
	}
	if srv.syn == nil {
		return
	}
	reports, err := srv.syn.EventReports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range reports {
		if r.EventID == string(sent.EventID) && r.Reason == reason && r.UserID == string(a.Session().UserID) {
			found = true
		}
	}
	if !found {
		t.Errorf("Synapse's event reports %+v do not include %s with reason %q", reports, sent.EventID, reason)
	}
}
