package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// A reader with an account made elsewhere (here through the server's admin
// API) logs in, creates a private room inviting a friend, and writes in it.
// The room is end-to-end encrypted: the friend, using matrix-js-sdk with
// its own (Rust) crypto, gets the invitation, joins, decrypts the message
// (once) and answers, encrypted; the guide decrypts the answer live. Then
// the reader reloads the page: the guide's crypto state comes back from
// storage, both earlier messages still show decrypted, and a message sent
// after the reload decrypts at the friend too (each exactly once).
func TestLiveLoginAndPrivateRoom(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "private")
	alice, bob := uniqueName("alice"), uniqueName("bob")
	aliceID := p.newUser(t, alice, "alice's long password")
	bobID := p.newUser(t, bob, "bob's long password")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, messageTitle := chapterPath(t, pages.WidgetFirstMessage)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", aliceID)
	r.text("the server comes from the ID", "#login-server-hint", "Taken from your user ID.")
	r.fill("typing the password", "#login-password", "alice's long password")
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in as "+aliceID)
	r.text("the header says so", "#account-slot", "Signed in as "+aliceID)
	r.screenshot("logged-in", ".live-success")

	reply := "Got it, " + alice + "!"
	body := "Hi " + bob + ", this room is just for us."
	after := "Still here after a reload, " + bob + "."
	friend := startCryptoPeer(t,
		"HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+bob, "HM_PASSWORD=bob's long password",
		"HM_EXPECT="+body, "HM_SENDER="+aliceID, "HM_REPLY="+reply, "HM_EXPECT_AFTER="+after)

	r.click("going to Your first message", `section.live-client a[href="`+messagePath+`"]`)
	r.wait("the chapter", h1Expr(messageTitle, messagePath))
	r.fill("naming the friend to invite", "#fm-invite", bobID)
	r.click("creating the private room", "#fm-create")
	r.text("the room is open", ".live-room-name", "Private room with "+bobID)
	r.text("the room says it is encrypted", ".live-note-encrypted", "This room is end-to-end encrypted")
	r.fill("writing to the friend", "#fm-message", body)
	r.click("sending", "#fm-send")
	r.wait("the message is confirmed", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(body)+` && l.querySelector(".message-state").dataset.state === "sent")`)

	r.wait("the friend's answer arrives, decrypted, with its lock", `[...document.querySelectorAll(".live-line:not(.own)")].some(l =>
		l.querySelector(".live-line-sender").title === `+jsString(bobID)+` && l.querySelector(".live-line-body").textContent === `+jsString(reply)+` &&
		l.querySelector(".live-line-lock") !== null)`)
	r.wait("our own message shows the lock too, once its encrypted echo is read", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(body)+` && l.querySelector(".live-line-lock") !== null)`)
	r.screenshot("private-room", ".live-lines")

	run(t, r.ctx, "reloading the page", chromedp.Reload(), waitForApp())
	r.text("still in the encrypted room", ".live-note-encrypted", "This room is end-to-end encrypted")
	for _, earlier := range []string{body, reply} {
		r.wait("an earlier message still decrypted, with its lock, after the reload", `[...document.querySelectorAll(".live-line")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(earlier)+` && l.querySelector(".live-line-lock") !== null)`)
	}
	r.fill("writing again after the reload", "#fm-message", after)
	r.click("sending", "#fm-send")
	r.wait("the message is confirmed", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(after)+` && l.querySelector(".message-state").dataset.state === "sent")`)
	seen := friend.result(t)
	if seen.UserID != bobID || !strings.HasPrefix(seen.RoomID, "!") {
		t.Errorf("matrix-js-sdk: %+v", seen)
	}
}
