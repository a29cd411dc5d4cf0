//go:build !js

package matrix

import (
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Invitations from B's side, on both servers: each shows up through Sync
// with who sent it (their display name when the server includes it in the
// invite's state) and the room's name, or as a direct chat; and each ends
// through Sync however it ends: declined here (DeclineInvite, which the
// inviter then sees), withdrawn by the inviter, or joined by another
// client of B's.
func TestInvitationsComeAndGo(t *testing.T) { bothServers(t, testInvitationsComeAndGo) }

func testInvitationsComeAndGo(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 3*time.Minute)
	a, b := testUser(t, srv, "alice"), testUser(t, srv, "bob")
	const aliceName = "Alice <b>A.</b>"
	if err := a.API().SetDisplayName(ctx, aliceName); err != nil {
		t.Fatalf("naming Alice: %v", err)
	}
	bob := b.Session().UserID
	bSync := startSync(t, b)

	// A named room, withdrawn by Alice.
	named, err := a.CreatePrivateRoom(ctx, "Book club", bob)
	if err != nil {
		t.Fatalf("CreatePrivateRoom: %v", err)
	}
	inv := bSync.waitInvite(t, 40*time.Second, named)
	// Both servers put the inviter's member event in the invite's state.
	if inv.Inviter != a.Session().UserID || inv.InviterName != aliceName || inv.RoomName != "Book club" || inv.Direct {
		t.Errorf("invite = %+v, want from %s (%q) to Book club, not direct", inv, a.Session().UserID, aliceName)
	}
	if _, err := a.API().KickUser(ctx, named, &mautrix.ReqKickUser{UserID: bob, Reason: "sent by mistake"}); err != nil {
		t.Fatalf("withdrawing the invitation: %v", err)
	}
	waitGone(t, bSync, named)

	// A direct chat (where both get the creator's power, so Alice could
	// not withdraw it), declined here.
	resp, err := a.API().CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "trusted_private_chat", IsDirect: true, Invite: []id.UserID{bob}})
	if err != nil {
		t.Fatalf("creating a direct chat: %v", err)
	}
	direct := resp.RoomID
	inv = bSync.waitInvite(t, 40*time.Second, direct)
	if !inv.Direct || inv.RoomName != "" || inv.InviterName != aliceName {
		t.Errorf("direct invite = %+v, want Direct, no name, from %q", inv, aliceName)
	}
	if err := b.DeclineInvite(ctx, direct); err != nil {
		t.Fatalf("DeclineInvite: %v", err)
	}
	waitGone(t, bSync, direct)
	if m := membershipOf(t, a, direct, bob); m != "leave" {
		t.Errorf("after declining, Alice sees Bob's membership as %q, want leave", m)
	}

	// Joined by another client of Bob's.
	third, err := a.CreatePrivateRoom(ctx, "", bob)
	if err != nil {
		t.Fatalf("CreatePrivateRoom: %v", err)
	}
	bSync.waitInvite(t, 40*time.Second, third)
	elsewhere := testClient(t, b.Session())
	if _, err := elsewhere.JoinRoom(ctx, string(third)); err != nil {
		t.Fatalf("joining from another client: %v", err)
	}
	waitGone(t, bSync, third)
}

// waitGone waits for Sync to report the invitation to room ended, and
// fails on any other room reported gone.
func waitGone(t *testing.T, r *syncRecorder, room id.RoomID) {
	t.Helper()
	select {
	case got := <-r.gone:
		if got != room {
			t.Fatalf("InviteGone(%s), want %s", got, room)
		}
	case err := <-r.done:
		r.done <- err
		t.Fatalf("Sync returned early: %v", err)
	case <-time.After(40 * time.Second):
		t.Fatalf("the invitation to %s did not end through Sync within 40 s", room)
	}
}

// membershipOf reads user's membership in room as c sees it.
func membershipOf(t *testing.T, c *Client, room id.RoomID, user id.UserID) string {
	t.Helper()
	var content struct {
		Membership string `json:"membership"`
	}
	if err := c.API().StateEvent(testCtx(t, 30*time.Second), room, event.StateMember, string(user), &content); err != nil {
		t.Fatalf("reading %s's membership: %v", user, err)
	}
	return content.Membership
}
