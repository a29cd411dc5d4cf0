package browsertest

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
	"hellomatrix/pages"
)

// When a real Synapse ends a session but keeps its device (a locked
// account, a soft logout), the page says why in words, keeps the message
// the reader had not got out yet (and not the tokens), and once they sign
// in again, on the same device, the message goes out by itself.
// matrix-js-sdk finds each message exactly once.

// TestLiveLockedAccountKeepsTheMessage: the administrators lock the account
// (the admin API's locked flag: requests get M_USER_LOCKED with
// soft_logout) while the reader writes; they unlock it later.
func TestLiveLockedAccountKeepsTheMessage(t *testing.T) {
	sc := newSessionEndScene(t, sharedSynapse(t), "locked")
	const before, during = "written before the lock", "typed while the account was locked"
	sc.logIn("opening Logging in")
	device := sc.device()
	sc.openRoomAndSend(before)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := sc.hs.LockUser(ctx, sc.userID, true); err != nil {
		t.Fatal(err)
	}
	r := sc.r
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

	if err := sc.hs.LockUser(ctx, sc.userID, false); err != nil {
		t.Fatal(err)
	}
	sc.signInAgainAndFind(device, before, during)
}

// TestLiveSoftLogoutKeepsTheMessage: sign-ins on this Synapse last seconds
// (access tokens 3 s, refresh tokens 8 s). The reader's message is on its
// way through a dead network when the tab closes; by the time they come
// back both tokens have lapsed, so the guide cannot renew the session.
func TestLiveSoftLogoutKeepsTheMessage(t *testing.T) {
	hs := synapsetest.Start(t, synapse.Options{ExtraYAML: "refreshable_access_token_lifetime: 3s\nrefresh_token_lifetime: 8s\n"})
	sc := newSessionEndScene(t, hs, "soft")
	const before, during = "written while signed in", "on its way when the tab closed"
	hsURL, err := url.Parse(hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	// The server by any name the browser may reach it by (see
	// live_outbox_test.go).
	cutOff := network.SetBlockedURLs([]string{"*:" + hsURL.Port() + "/*"})
	reconnect := network.SetBlockedURLs([]string{})
	r := sc.r

	sc.logIn("opening Logging in")
	device := sc.device()
	if readSession(r).RefreshToken == "" {
		t.Fatal("the saved session has no refresh token")
	}
	sc.openRoomAndSend(before)
	run(t, r.ctx, "losing the server", cutOff)
	r.fill("writing another message", "#fm-message", during)
	r.click("sending it", "#fm-send")
	r.wait("it is on its way", lineState(during, "sending"))
	run(t, r.ctx, "closing the tab (a blank page: nothing of the guide runs)", chromedp.Navigate("about:blank"))
	time.Sleep(10 * time.Second) // both tokens lapse
	run(t, r.ctx, "getting the server back", reconnect)

	run(t, r.ctx, "coming back to Your first message", chromedp.Navigate(sc.site.URL+sc.messagePath), waitForApp())
	r.text("the reason, in words", ".live-note", "Your sign-in has expired. Please sign in again")
	r.text("and that unsent messages are kept", ".live-note", "messages you have not sent yet are kept")
	r.wait("signed out in the header", `document.querySelector("#account-slot").children.length === 0`)
	r.screenshot("soft-logout", "section.live-client")
	sc.signInAgainAndFind(device, before, during)
}

// sessionEndScene is a reader with a password account on hs, the guide,
// and a public room to write in.
type sessionEndScene struct {
	t                      *testing.T
	hs                     *synapse.Server
	site                   *server
	r                      *reader
	alias, userID          string
	loginPath, messagePath string
}

const sessionEndPassword = "a long practice password"

func newSessionEndScene(t *testing.T, hs *synapse.Server, name string) *sessionEndScene {
	sc := &sessionEndScene{t: t, hs: hs, site: startServer(t), r: newReader(t, 1280, 900, name)}
	sc.alias = publicRoomOn(t, hs, uniqueName(name+"room"))
	sc.userID = synapseUser(t, hs, uniqueName(name), sessionEndPassword)
	sc.loginPath, _ = chapterPath(t, pages.WidgetLogin)
	sc.messagePath, _ = chapterPath(t, pages.WidgetFirstMessage)
	return sc
}

func (sc *sessionEndScene) logIn(what string) {
	r := sc.r
	run(sc.t, r.ctx, what, chromedp.Navigate(sc.site.URL+sc.loginPath), waitForApp(), network.Enable())
	r.fill("typing the user ID", "#login-user", sc.userID)
	r.fill("typing the password", "#login-password", sessionEndPassword)
	r.click("logging in", "#login-submit")
	r.text("signed in", "#account-slot", "Signed in as "+sc.userID)
}

// device is the device of the session the page keeps.
func (sc *sessionEndScene) device() string {
	d := readSession(sc.r).DeviceID
	if d == "" {
		sc.t.Fatal("the saved session names no device")
	}
	return d
}

// openRoomAndSend joins the scene's room from Your first message and sends
// body there.
func (sc *sessionEndScene) openRoomAndSend(body string) {
	r := sc.r
	run(sc.t, r.ctx, "opening Your first message", chromedp.Navigate(sc.site.URL+sc.messagePath), waitForApp())
	r.fill("typing the room's address", "#fm-room", sc.alias)
	r.click("joining it", "#fm-join")
	r.text("the room is open", ".live-room-name", sc.alias)
	r.fill("writing a message", "#fm-message", body)
	r.click("sending it", "#fm-send")
	r.wait("it is confirmed", lineState(body, "sent"))
}

// signInAgainAndFind signs in again, checks the device is the one before,
// waits for the kept message to go out, and has matrix-js-sdk find both.
func (sc *sessionEndScene) signInAgainAndFind(device, before, kept string) {
	t, r := sc.t, sc.r
	sc.logIn("signing in again")
	if again := readSession(r).DeviceID; again != device {
		t.Errorf("signing in again made device %q, want the same device %q", again, device)
	}
	run(t, r.ctx, "back to Your first message", chromedp.Navigate(sc.site.URL+sc.messagePath), waitForApp())
	r.text("the room is still open", ".live-room-name", sc.alias)
	r.wait("the kept message went out", lineState(kept, "sent"))

	peerName := uniqueName("jspeer")
	synapseUser(t, sc.hs, peerName, "peer password")
	runPeer(t,
		"HM_HOMESERVER="+sc.hs.URL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+sc.alias,
		"HM_EXPECT="+before+"\n"+kept, "HM_SENDER="+sc.userID)
}

// lineState is true once the reader's own chat line with body shows state.
func lineState(body, state string) string {
	return `(() => { const l = [...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` +
		jsString(body) + `); return !!l && l.querySelector(".message-state").dataset.state === ` + jsString(state) + `; })()`
}
