package browsertest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// A reader is writing in a room on a real Synapse when the server's
// administrators lock the account (the admin API's locked flag: requests
// get M_USER_LOCKED with soft_logout). The message typed at that moment is
// not lost: the page says in words why the reader was signed out, keeps
// the message in this browser (and not the tokens), and once the account
// is unlocked and the reader signs in again (on the same device) it goes
// out by itself. matrix-js-sdk finds each message exactly once.
func TestLiveLockedAccountKeepsTheMessage(t *testing.T) {
	hs := sharedSynapse(t)
	alias := publicRoomOn(t, hs, "lockedhello")
	name := uniqueName("locked")
	const password = "a long practice password"
	userID := synapseUser(t, hs, name, password)
	site := startServer(t)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	r := newReader(t, 1280, 900, "locked")

	logIn := func(what string) {
		run(t, r.ctx, what, chromedp.Navigate(site.URL+loginPath), waitForApp())
		r.fill("typing the user ID", "#login-user", userID)
		r.fill("typing the password", "#login-password", password)
		r.click("logging in", "#login-submit")
		r.text("signed in", "#account-slot", "Signed in as "+userID)
	}
	logIn("opening Logging in")
	device := readSession(r).DeviceID
	if device == "" {
		t.Fatal("the saved session names no device")
	}
	const before, during = "written before the lock", "typed while the account was locked"
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(site.URL+messagePath), waitForApp())
	r.fill("typing the room's address", "#fm-room", alias)
	r.click("joining it", "#fm-join")
	r.text("the room is open", ".live-room-name", alias)
	r.fill("writing a message", "#fm-message", before)
	r.click("sending it", "#fm-send")
	r.wait("it is confirmed", lineState(before, "sent"))

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := hs.LockUser(ctx, userID, true); err != nil {
		t.Fatal(err)
	}
	r.fill("writing another message", "#fm-message", during)
	r.click("sending it", "#fm-send")
	r.text("the reason, in words", ".live-note", "This account has been locked by the server's administrators")
	r.text("and that unsent messages are kept", ".live-note", "anything you have not sent yet is kept")
	r.wait("signed out in the header", `document.querySelector("#account-slot").children.length === 0`)
	r.screenshot("account-locked", "section.live-client")
	var kept string
	run(t, r.ctx, "reading what this browser kept", chromedp.Evaluate(`JSON.stringify({
		session: localStorage.getItem("hellomatrix.session"),
		outbox: Object.keys(localStorage).filter(k => k.includes("outbox/")).map(k => localStorage.getItem(k)).join("\n"),
	})`, &kept))
	var store struct {
		Session *string `json:"session"`
		Outbox  string  `json:"outbox"`
	}
	if err := json.Unmarshal([]byte(kept), &store); err != nil {
		t.Fatal(err)
	}
	if store.Session != nil {
		t.Errorf("the tokens are still stored after the lock: %s", *store.Session)
	}
	if !strings.Contains(store.Outbox, during) {
		t.Errorf("the message typed during the lock is not in the stored outbox: %q", store.Outbox)
	}

	if err := hs.LockUser(ctx, userID, false); err != nil {
		t.Fatal(err)
	}
	logIn("signing in again once the account is unlocked")
	if again := readSession(r).DeviceID; again != device {
		t.Errorf("signing in again made device %q, want the same device %q", again, device)
	}
	run(t, r.ctx, "back to Your first message", chromedp.Navigate(site.URL+messagePath), waitForApp())
	r.text("the room is still open", ".live-room-name", alias)
	r.wait("the kept message went out", lineState(during, "sent"))

	peerName := uniqueName("jspeer")
	synapseUser(t, hs, peerName, "peer password")
	runPeer(t,
		"HM_HOMESERVER="+hs.URL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+alias,
		"HM_EXPECT="+before+"\n"+during, "HM_SENDER="+userID)
}

// lineState is true once the reader's own chat line with body shows state.
func lineState(body, state string) string {
	return `(() => { const l = [...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` +
		jsString(body) + `); return !!l && l.querySelector(".message-state").dataset.state === ` + jsString(state) + `; })()`
}
