package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/synapse"
	"hellomatrix/pages"
)

// Steps the sign-up tests on Synapse share: reaching the sign-up form for a
// server typed by hand, and the first message after it, confirmed from
// outside by matrix-js-sdk.

// openSignUpOn opens "Creating an account" directly (as from a link or a
// bookmark, not counted) and picks the server at hsURL with the form's own
// picker, typing its address as a reader does for a server not on the list.
func openSignUpOn(t *testing.T, r *reader, site *server, hsURL string) {
	t.Helper()
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	run(t, r.ctx, "opening Creating an account", chromedp.Navigate(site.URL+registerPath), waitForApp())
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("register-server", "__other__"))
	r.fill("typing the server's address", "#register-other", hostPort(hsURL))
	r.click("checking it", "#register-other-check")
}

// firstMessageAfterSignUp goes from the sign-up's "ready" box to a message
// in room (typed by its address), waits until the server has it, and has
// matrix-js-sdk, signed in as a new account of its own, find it in the room
// exactly once.
func firstMessageAfterSignUp(t *testing.T, r *reader, s *synapse.Server, room string, roomID id.RoomID, userID string) {
	t.Helper()
	messagePath, messageTitle := chapterPath(t, pages.WidgetFirstMessage)
	r.click("going to Your first message", `.live-done a[href="`+messagePath+`"]`)
	r.wait("the chapter", h1Expr(messageTitle, messagePath))
	r.fill("typing the room's address", "#fm-room", room)
	r.click("joining it", "#fm-join")
	r.text("the room is open", ".live-room-name", room)
	r.fill("writing the first message", "#fm-message", firstMessage)
	r.click("sending it", "#fm-send")
	ownLine := `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(firstMessage) + `)`
	r.wait("the message is confirmed", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })()`)

	peerName := uniqueName("jspeer")
	synapseUser(t, s, peerName, "peer password")
	seen := runPeer(t,
		"HM_HOMESERVER="+s.URL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+room,
		"HM_EXPECT="+firstMessage, "HM_SENDER="+userID)
	if seen.RoomID != string(roomID) {
		t.Errorf("matrix-js-sdk found the message in %s, want %s (%s)", seen.RoomID, room, roomID)
	}
}
