package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/nodepkg"
	"hellomatrix/pages"
)

// A newcomer who signs up in the landing page's box has a cross-signed
// device from the start, with nothing asked: matrix-js-sdk (another
// person's app) finds the account's cross-signing keys and the device
// signed by its owner, so apps that share keys only with such devices
// (MSC4153) talk to it. The unverified-device note does not show.
func TestLiveNewcomerCrossSigned(t *testing.T) {
	js := practiceJourneyServer(t)
	r := newReader(t, 1280, 900, "newcomer-cross-signed")
	name := uniqueName("signed")
	userID := "@" + name + ":" + js.serverName
	run(t, r.ctx, "landing on the guide", chromedp.Navigate(js.site.URL+"/"), waitForApp())
	landingSignUp(t, r, js, name, userID)
	device := readSession(r).DeviceID
	if device == "" {
		t.Fatal("no device in the saved session")
	}

	onlooker := uniqueName("onlooker")
	js.newUser(t, onlooker, "onlooker password")
	var seen struct {
		CrossSigning  bool `json:"cross_signing"`
		SignedByOwner bool `json:"signed_by_owner"`
	}
	runInterop(t, "crypto_device.mjs", &seen,
		"HM_HOMESERVER="+js.hsURL, "HM_USER="+onlooker, "HM_PASSWORD=onlooker password",
		"HM_SENDER="+userID, "HM_SENDER_DEVICE="+device)
	if !seen.CrossSigning || !seen.SignedByOwner {
		t.Errorf("matrix-js-sdk sees the newcomer's cross-signing keys: %v, device %s signed by its owner: %v; want both",
			seen.CrossSigning, device, seen.SignedByOwner)
	}
	var note bool
	run(t, r.ctx, "looking for the unverified note", chromedp.Evaluate(`document.querySelector("#id-unverified") !== null`, &note))
	if note {
		t.Error("the newcomer's own device is called unverified")
	}
}

// assertUnverifiedTold checks the page of a device that is not verified:
// the chat's note says what such a device cannot read, and nothing on the
// page says a key is on its way (it is not coming).
func assertUnverifiedTold(t *testing.T, r *reader) {
	t.Helper()
	r.text("the chat says what an unverified device cannot read", "#id-unverified", "This device is not verified yet.")
	var onItsWay bool
	run(t, r.ctx, "looking for a key said to be on its way", chromedp.Evaluate(
		`document.body.textContent.includes("has not reached this device") || document.body.textContent.includes("arrives within moments")`, &onItsWay))
	if onItsWay {
		t.Error("the unverified device's page says a key is on its way")
	}
}

// A device deliberately left unverified: the account's identity was made
// in a first browser, a second browser signs in with the password and
// enters no recovery key. A friend on matrix-js-sdk (Rust crypto,
// cross-signing set up, OnlySignedDevicesIsolationMode) starts an
// encrypted chat; the second browser joins it. The friend's app withholds
// the key from the unverified device, and the page says exactly that, with
// what to do; nothing on the page says a key is on its way. The friend's
// app does not show the unverified device's answer.
func TestLiveUnverifiedDeviceIsToldWhy(t *testing.T) {
	p := startPractice(t)
	name := uniqueName("dana")
	const password = "dana's long password"
	userID := p.newUser(t, name, password)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	logIn := func(r *reader) {
		run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
		r.fill("typing the user ID", "#login-user", userID)
		r.fill("typing the password", "#login-password", password)
		r.click("logging in", "#login-submit")
		r.text("signed in", ".live-success", "You are signed in as "+userID)
	}
	logIn(newReader(t, 1280, 900, "unverified-first")) // makes the account's identity
	r := newReader(t, 1280, 900, "unverified-second")
	logIn(r)

	friend := uniqueName("friend")
	p.newUser(t, friend, "friend password")
	say, answer := "hello from a careful friend, "+name, "an answer from an unverified device, "+name
	friendApp := nodepkg.StartForTest(t, ensureJSSDK(t), interopDir, "crypto_friend.mjs", 4*time.Minute,
		"HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+friend, "HM_PASSWORD=friend password",
		"HM_INVITE="+userID, "HM_SAY="+say, "HM_EXPECT="+answer, "HM_ISOLATION=signed")
	var created struct {
		RoomID string `json:"room_id"`
	}
	friendApp.Next(t, &created)

	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.fill("typing the friend's room", "#fm-room", created.RoomID)
	r.click("joining it", "#fm-join")
	var sent struct {
		EventID string `json:"event_id"`
	}
	friendApp.Next(t, &sent)
	r.wait("the friend's message says why it cannot be read", `[...document.querySelectorAll(".live-line")].some(l =>
		l.querySelector(".live-line-body").textContent.includes("because it did not count this device as verified"))`)
	assertUnverifiedTold(t, r)
	r.screenshot("withheld", ".live-chat")

	r.fill("answering", "#fm-message", answer)
	r.click("sending", "#fm-send")
	var got struct {
		Read   bool   `json:"read"`
		Reason string `json:"reason"`
	}
	friendApp.Next(t, &got)
	if got.Read {
		t.Error("the friend in OnlySignedDevicesIsolationMode showed the unverified device's answer")
	}
	t.Logf("the friend's reason for not showing the answer: %s", got.Reason)
}
