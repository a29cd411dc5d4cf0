package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// Invitations in a box that has no chat of its own, on each homeserver: a
// reader signed in on "Logging in" (whose box then only says so) gets
// three invitations from Carol, whose display name is markup. Each shows
// in the box with its room's name, as text; each ends, and leaves the box,
// however it ends: declined with the box's Decline (Carol then sees the
// reader left), withdrawn by Carol, joined from another of the reader's
// devices. A fourth, a direct chat, says so, and its Join opens the chat
// right in that box with Carol's message in it; "Choose another room"
// gives the box back to its own widget.
func TestLiveInvitations(t *testing.T) {
	for _, hs := range []struct {
		name  string
		start func(*testing.T) invitationServer
	}{{"dendrite", practiceInvitationServer}, {"synapse", synapseInvitationServer}} {
		t.Run(hs.name, func(t *testing.T) { invitations(t, hs.start(t)) })
	}
}

// invitationServer is a homeserver and the guide in front of it.
type invitationServer struct {
	site     *server
	hsURL    string
	register func(ctx context.Context, name, password string, admin bool) (string, string, string, error)
}

func practiceInvitationServer(t *testing.T) invitationServer {
	p := startPractice(t)
	return invitationServer{site: p.Site, hsURL: p.SB.HS.URL, register: p.SB.HS.RegisterUser}
}

func synapseInvitationServer(t *testing.T) invitationServer {
	s := sharedSynapse(t)
	return invitationServer{site: startServer(t), hsURL: s.URL, register: s.RegisterUser}
}

// account makes a user and returns a client core signed in as them (a
// device of their own, not the browser's).
func (is invitationServer) account(t *testing.T, ctx context.Context, name, password string) *matrix.Client {
	t.Helper()
	uid, token, device, err := is.register(ctx, name, password, false)
	if err != nil {
		t.Fatalf("creating %s: %v", name, err)
	}
	c, err := matrix.NewClient(matrix.Session{HomeserverURL: is.hsURL, UserID: id.UserID(uid), DeviceID: id.DeviceID(device), AccessToken: token})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func invitations(t *testing.T, is invitationServer) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	carol := is.account(t, ctx, uniqueName("carol"), "carol's long password")
	const carolName = "Carol <b>C.</b>"
	if err := carol.API().SetDisplayName(ctx, carolName); err != nil {
		t.Fatalf("naming Carol: %v", err)
	}
	const password = "the reader's long password"
	elsewhere := is.account(t, ctx, uniqueName("reader"), password) // the reader's other device
	userID := elsewhere.Session().UserID

	r := newReader(t, 1280, 900, "invitations")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	run(t, r.ctx, "opening Logging in", chromedp.Navigate(is.site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", string(userID))
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in as "+string(userID))

	invite := func(name string) id.RoomID {
		t.Helper()
		room, err := carol.CreatePrivateRoom(ctx, name, userID)
		if err != nil {
			t.Fatalf("Carol inviting the reader to %s: %v", name, err)
		}
		return room
	}
	row := func(room id.RoomID) string {
		return `document.querySelector('section.live-client .live-invite[data-room="` + string(room) + `"]')`
	}
	shows := func(room id.RoomID, sentence string) {
		t.Helper()
		r.wait("the invitation to "+sentence, `(() => { const i = `+row(room)+`; return !!i
			&& i.querySelector(".live-invite-text").textContent === `+jsString(sentence)+` && !i.querySelector("b"); })()`)
	}
	declined, withdrawn, joined := invite("Book club"), invite("Withdrawn"), invite("Elsewhere")
	shows(declined, carolName+" invited you to Book club.")
	shows(withdrawn, carolName+" invited you to Withdrawn.")
	shows(joined, carolName+" invited you to Elsewhere.")
	r.text("the box still shows its own widget", ".live-success", "You are signed in as")
	r.screenshot("invitations", ".live-invites")

	r.click("declining Book club", `section.live-client .live-invite[data-room="`+string(declined)+`"] .live-invite-decline`)
	r.wait("Book club's invitation is gone", `!`+row(declined))
	var member struct {
		Membership string `json:"membership"`
	}
	if err := carol.API().StateEvent(ctx, declined, event.StateMember, string(userID), &member); err != nil || member.Membership != "leave" {
		t.Errorf("after Decline Carol sees the reader's membership as %q (%v), want leave", member.Membership, err)
	}

	if _, err := carol.API().KickUser(ctx, withdrawn, &mautrix.ReqKickUser{UserID: userID}); err != nil {
		t.Fatalf("Carol withdrawing an invitation: %v", err)
	}
	r.wait("a withdrawn invitation disappears", `!`+row(withdrawn))

	if _, err := elsewhere.JoinRoom(ctx, string(joined)); err != nil {
		t.Fatalf("joining from the reader's other device: %v", err)
	}
	r.wait("an invitation taken on another device disappears", `!`+row(joined))

	resp, err := carol.API().CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "trusted_private_chat", IsDirect: true, Invite: []id.UserID{userID}})
	if err != nil {
		t.Fatalf("Carol starting a direct chat: %v", err)
	}
	if _, err := carol.Send(ctx, resp.RoomID, "Hello from Carol"); err != nil {
		t.Fatalf("Carol writing: %v", err)
	}
	shows(resp.RoomID, carolName+" invited you to a direct chat.")
	// A Join that cannot reach the server says so on the invitation, which
	// stays; the next try goes through.
	joinButton := `section.live-client .live-invite[data-room="` + string(resp.RoomID) + `"] .live-invite-join`
	run(t, r.ctx, "cutting joins off", network.Enable(), network.SetBlockedURLs([]string{"*/_matrix/client/v3/join/*"}))
	r.click("joining while joins cannot get through", joinButton)
	r.wait("the invitation says why it did not work", `(() => { const i = `+row(resp.RoomID)+`; const e = i && i.querySelector(".live-error");
		return !!e && e.textContent.startsWith("Joining did not work. ") && e.getAttribute("role") === "alert" && !i.querySelector(".live-invite-join").disabled; })()`)
	r.screenshot("join-failed", ".live-invite")
	run(t, r.ctx, "letting joins through again", network.SetBlockedURLs([]string{}))
	r.click("joining the direct chat", joinButton)
	r.text("the chat opens in the box", ".live-room-name", "Direct chat with "+carolName)
	r.wait("with Carol's message", lineWith("Hello from Carol"))
	r.wait("no invitation left", `!document.querySelector(".live-invite")`)
	r.screenshot("joined-here", ".live-chat")
	r.click("choosing another room", ".live-chat-head button")
	r.wait("the box is back to its own widget", `!document.querySelector(".live-chat") && !!document.querySelector(".live-success")`)
}
