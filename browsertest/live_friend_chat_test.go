package browsertest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A friend's chat, on each homeserver: a newcomer signs up in the landing
// page's box ("Try Matrix now": the practice Dendrite chosen for them, or
// Synapse typed into its picker as with any public server) and is left in
// the room the box opened. A friend on a current client (matrix-js-sdk
// with its Rust crypto, cross-signing set up at sign-in as Element does,
// crypto_direct_chat.mjs) starts an encrypted direct chat with them and writes.
// The invitation shows in the box within 10 s with no click, as "NAME
// invited you to a direct chat." (the friend's display name is markup, and
// must show as text); Join is one click and opens the chat with the
// friend's message decrypted; the reader's answer decrypts at the friend.
// It runs with the friend in AllDevicesIsolationMode (the older default)
// and in OnlySignedDevicesIsolationMode (spec v1.18, MSC4153: keys only
// for cross-signed devices, messages only from them, Element's announced
// default), which needs the guide's device to be cross-signed by its
// owner. A Synapse making rooms of version 12 (room IDs without a server
// name) runs the signed mode too. It prints friend_chat_signed_devices:
// ok|fail (every server in the signed mode) and
// interactions_to_join_invitation (practice server).
func TestLiveFriendChat(t *testing.T) {
	var signed []bool
	for _, hs := range []struct {
		name  string
		start func(*testing.T) *journeyServer
	}{{"dendrite", practiceJourneyServer}, {"synapse", typedJourneyServer}, {"synapse-v12", v12JourneyServer}} {
		t.Run(hs.name, func(t *testing.T) {
			js := hs.start(t)
			modes := []struct{ name, isolation string }{
				{"all-devices", "all"},
				{"only-signed-devices", "signed"},
			}
			if hs.name == "synapse-v12" {
				modes = modes[1:] // the room IDs are what differs: the stricter mode is enough
			}
			for _, mode := range modes {
				ok := t.Run(mode.name, func(t *testing.T) {
					friendChat(t, js, newReader(t, 1280, 900, "friend-"+hs.name+"-"+mode.isolation), mode.isolation)
				})
				if mode.isolation == "signed" {
					signed = append(signed, ok)
				}
			}
		})
	}
	if len(signed) == 0 {
		return // the signed mode was not run (-run picked others)
	}
	verdict := "ok"
	for _, ok := range signed {
		if !ok {
			verdict = "fail"
		}
	}
	if len(signed) < 2 {
		t.Logf("friend_chat_signed_devices covers %d of the 2 servers in this run", len(signed))
		verdict = "fail"
	}
	if err := printFigures("friend_chat_signed_devices: " + verdict + "\n"); err != nil {
		t.Fatalf("recording friend_chat_signed_devices: %v", err)
	}
}

func friendChat(t *testing.T, js *journeyServer, r *reader, isolation string) {
	name := uniqueName("newcomer")
	userID := "@" + name + ":" + js.serverName
	run(t, r.ctx, "landing on the guide", chromedp.Navigate(js.site.URL+"/"), waitForApp())
	if js.practice {
		landingSignUp(t, r, js, name, userID)
	} else {
		landingSignUpTyped(t, r, js, name, userID)
	}

	friend := uniqueName("friend")
	js.newUser(t, friend, "the friend's long password")
	friendID := "@" + friend + ":" + js.serverName
	const friendName = "Fran <i>Friend</i>"
	message := "Hi " + name + ", it's Fran. This chat is just for us."
	reply := "Hello Fran, I can read you!"
	peer := startPeerScript(t, "crypto_direct_chat.mjs", `"invited"`,
		"HM_HOMESERVER="+js.hsURL, "HM_USER="+friend, "HM_PASSWORD=the friend's long password",
		"HM_DISPLAYNAME="+friendName, "HM_INVITEE="+userID,
		"HM_MESSAGE="+message, "HM_REPLY="+reply, "HM_ISOLATION="+isolation)
	var invited struct {
		Invited string `json:"invited"`
	}
	if err := json.Unmarshal([]byte(peer.first), &invited); err != nil || !strings.HasPrefix(invited.Invited, "!") {
		t.Fatalf("crypto_direct_chat.mjs said %q", peer.first)
	}

	// The invitation, where the reader is, with no click.
	before := r.interactions.Load()
	invite := `document.querySelector('section.live-client .live-invite[data-room="` + strings.ReplaceAll(invited.Invited, `"`, ``) + `"]')`
	r.within(10*time.Second, "the invitation shows in the box", `(() => { const i = `+invite+`; if (!i) return false;
		const who = i.querySelector(".live-invite-text strong");
		return i.querySelector(".live-invite-text").textContent === `+jsString(friendName+" invited you to a direct chat.")+`
			&& who.title === `+jsString(friendID)+` && !who.querySelector("i")
			&& !!i.querySelector(".live-invite-join") && !!i.querySelector(".live-invite-decline"); })()`)
	r.wait("the room the reader was in is still open", `!!document.querySelector(".live-room-name")`)
	r.screenshot("invitation", ".live-invite")
	r.click("joining the friend's chat", `section.live-client .live-invite[data-room="`+invited.Invited+`"] .live-invite-join`)
	r.text("the direct chat is open", ".live-room-name", "Direct chat with "+friendName)
	r.wait("the invitation is gone", `!`+invite)
	joined := r.interactions.Load() - before
	path := "an invitation to a friend's encrypted direct chat, to the chat open (the box's Join)"
	reportInteractions(t, path, js.kind, joined)
	if js.practice && isolation == "all" {
		reportFigure(t, "interactions_to_join_invitation", joined)
	}
	if joined != 1 {
		t.Errorf("%d interactions from the invitation to the chat; joining takes one click", joined)
	}
	r.wait("the cursor is in the message box", `document.activeElement && document.activeElement.id === "fm-message"`)

	// Both ways: the friend's message here, decrypted; the answer there.
	friendLine := `[...document.querySelectorAll(".live-line:not(.own)")].find(l => l.querySelector(".live-line-sender").title === ` + jsString(friendID) + `)`
	if !r.check("the friend's message, decrypted, with its lock", `(() => { const l = `+friendLine+`;
		return !!l && l.querySelector(".live-line-body").textContent === `+jsString(message)+` && !!l.querySelector(".live-line-lock"); })()`) {
		var shown string
		run(t, r.ctx, "what the friend's line says", chromedp.Evaluate(`(() => { const l = `+friendLine+`; return l ? l.innerText : "(no line from the friend)"; })()`, &shown))
		t.Errorf("the friend's message did not show decrypted (isolation %s); the chat shows: %q", isolation, shown)
	}
	r.screenshot("friend-chat", ".live-lines")
	r.fill("answering", "#fm-message", reply)
	r.click("sending", "#fm-send")
	r.wait("the answer is sent", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(reply)+` && l.querySelector(".message-state").dataset.state === "sent")`)
	got := peer.result(t)
	if got.RoomID != invited.Invited || got.UserID != friendID || got.SeenEventID == "" {
		t.Errorf("matrix-js-sdk: %+v, want %s's answer seen in %s", got, userID, invited.Invited)
	}
}

// landingSignUpTyped is the landing page's box on a guide without a
// practice server (the static export): the reader types the server into
// the box's picker, then a username and a password; the box opens a
// private room of their own.
func landingSignUpTyped(t *testing.T, r *reader, js *journeyServer, name, userID string) {
	t.Helper()
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("register-server", "__other__"))
	r.fill("typing the server's address", "#register-other", hostPort(js.hsURL))
	r.click("checking it", "#register-other-check")
	r.text("what the server offers", "#register-verdict", "You can create an account right here.")
	r.fill("choosing a username", "#register-username", name)
	r.text("the user ID preview", "#register-username-hint", "Your user ID will be "+userID)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.click("creating the account", "#register-submit")
	r.text("the header says who is signed in", "#account-slot", "Signed in as "+userID)
	r.text("a private room of their own", ".live-room-name", "Your private room")
}

// within is wait with a deadline the scenario itself sets (an invitation
// must show within seconds, not the minute wait allows).
func (r *reader) within(limit time.Duration, what, expr string) {
	r.t.Helper()
	if err := r.poll(limit, expr); err != nil {
		r.t.Fatalf("%s: not within %s (%v)\nThe live client shows:\n%s", what, limit, err, r.boxText())
	}
}

// check is wait that records a failure and carries on, for a scenario
// that has more to show after one part fails (both directions of a chat).
func (r *reader) check(what, expr string) bool {
	r.t.Helper()
	if err := r.poll(60*time.Second, expr); err != nil {
		r.t.Errorf("%s: %v\nThe live client shows:\n%s", what, err, r.boxText())
		return false
	}
	return true
}

func (r *reader) poll(limit time.Duration, expr string) error {
	return chromedp.Run(r.ctx, chromedp.Poll(expr, nil,
		chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(limit)))
}

// boxText is what the live boxes on the page say.
func (r *reader) boxText() string {
	var box string
	chromedp.Run(r.ctx, chromedp.Evaluate(`[...document.querySelectorAll("section.live-client")].map(b => b.innerText).join("\n---\n")`, &box))
	return box
}
