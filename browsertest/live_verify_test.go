package browsertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/nodepkg"
	"hellomatrix/pages"
)

// verifyReport is any line crypto_verify.mjs prints.
type verifyReport struct {
	DeviceID     string      `json:"device_id"`
	RoomID       string      `json:"room_id"`
	EventID      string      `json:"event_id"`
	KnowsDevices int         `json:"knows_devices"`
	Emoji        [][2]string `json:"emoji"`
	Done         *bool       `json:"done"`
	CancelCode   string      `json:"cancel_code"`
	CrossSigned  bool        `json:"cross_signed"`
	BackupKey    bool        `json:"backup_key"`
	Decrypted    string      `json:"decrypted"`
	Why          string      `json:"why"`
}

// nextReport reads the script's lines until one want accepts.
func nextReport(t *testing.T, s *nodepkg.Script, want func(verifyReport) bool) verifyReport {
	t.Helper()
	for {
		var l verifyReport
		s.Next(t, &l)
		if want(l) {
			return l
		}
	}
}

// pageEmoji reads the emoji the page shows, as [symbol, name] pairs.
func pageEmoji(t *testing.T, r *reader) [][2]string {
	t.Helper()
	var got [][2]string
	run(t, r.ctx, "reading the emoji", chromedp.Evaluate(`[...document.querySelectorAll(".live-verify-emoji li")].map(li =>
		[li.querySelector(".live-verify-symbol").textContent, li.querySelector(".live-verify-name").textContent])`, &got))
	return got
}

func sameEmojiList(a, b [][2]string) bool {
	if len(a) != 7 || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// verifyStep waits until the page's verification panel is at step.
func verifyStep(r *reader, step string) {
	r.t.Helper()
	r.wait("the verification at "+step, `(document.querySelector(".live-verify") || {dataset: {}}).dataset.step === `+jsString(step))
}

// publishedKeys is what the server publishes for userID's devices and
// cross-signing keys (POST /keys/query, asked with token: another
// account's, so no new device of userID's appears), keys sorted.
func publishedKeys(t *testing.T, hsURL, token, userID string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"device_keys": map[string][]string{userID: {}}})
	req, _ := http.NewRequest(http.MethodPost, hsURL+"/_matrix/client/v3/keys/query", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("keys/query answered %s: %v", raw, err)
	}
	delete(v, "failures")
	out, _ := json.Marshal(v)
	return out
}

// logInAt signs the reader in on the chapter "Logging in".
func logInAt(t *testing.T, r *reader, p *practice, userID, password string) {
	t.Helper()
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in as "+userID)
}

// The new app asks: a reader signed in here (identity made at sign-in)
// writes in a private room, then (on another page, so from the keys kept
// in storage) sets up recovery, then signs in to a new
// app (matrix-js-sdk, Rust crypto), which asks to be verified. The
// request shows in the box the reader is looking at, with the app's
// device name; accepted, the page shows the seven emoji matrix-js-sdk
// shows, with their names; both confirm. Then the new app finds its
// device cross-signed by the account, gets the backup's key through
// secret sharing, and decrypts the message written before it existed.
func TestLiveVerifyNewApp(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "verify-new-app")
	name := uniqueName("vera")
	const password = "vera's long password"
	userID := p.newUser(t, name, password)
	logInAt(t, r, p, userID, password)

	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.click("creating a private room", "#fm-create")
	r.text("the room says it is encrypted", ".live-note-encrypted", "This room is end-to-end encrypted")
	body := "Written before my new app, " + name
	r.fill("writing", "#fm-message", body)
	r.click("sending", "#fm-send")
	r.wait("the message is confirmed", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(body)+` && l.querySelector(".message-state").dataset.state === "sent")`)
	var roomID string
	run(t, r.ctx, "reading the room", chromedp.Evaluate(`JSON.parse(localStorage.getItem("hellomatrix.live/room")).id`, &roomID))

	keysPath, _ := chapterPath(t, pages.WidgetKeyBackup)
	run(t, r.ctx, "opening Keeping your messages", chromedp.Navigate(p.Site.URL+keysPath), waitForApp())
	r.click("setting up recovery", "#kb-setup")
	r.wait("the key is shown", `(document.querySelector("#kb-key") || {}).textContent > ""`)
	var key string
	run(t, r.ctx, "reading the key", chromedp.Evaluate(`document.querySelector("#kb-key").textContent`, &key))
	r.fill("typing the key back", "#kb-confirm", key)
	r.click("finishing", "#kb-finish")
	r.text("backed up", "#kb-status", "your keys are backed up")

	const app = "Element X on my phone"
	js := nodepkg.StartForTest(t, ensureJSSDK(t), interopDir, "crypto_verify.mjs", 4*time.Minute,
		"HM_MODE=ask", "HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+userID, "HM_PASSWORD="+password,
		"HM_DEVICE_NAME="+app, "HM_ROOM="+roomID, "HM_EXPECT="+body)
	verifyStep(r, "asked")
	r.text("the request says who asks", ".live-verify-heading", "Your new app wants to check it is you")
	r.text("with the app's device name", ".live-verify-text", "“"+app+"”, signed in to your account")
	r.screenshot("request", ".live-client")
	r.click("accepting", ".live-verify-accept")
	verifyStep(r, "compare")
	shown := nextReport(t, js, func(l verifyReport) bool { return len(l.Emoji) > 0 })
	if got := pageEmoji(t, r); !sameEmojiList(got, shown.Emoji) {
		t.Fatalf("the page shows %v; matrix-js-sdk shows %v", got, shown.Emoji)
	}
	r.screenshot("emoji", ".live-client")
	r.click("saying they match", ".live-verify-match")
	verifyStep(r, "done")
	r.text("the page says the new app is verified", ".live-verify-text", "is verified")
	res := nextReport(t, js, func(l verifyReport) bool { return l.Done != nil })
	if !*res.Done || !res.CrossSigned || !res.BackupKey || res.Decrypted == "" {
		t.Errorf("matrix-js-sdk reports %+v; want done, its device cross-signed, the backup's key, and %q decrypted", res, body)
	}
}

// Each way a verification the new app asked for can stop short: the
// reader says the emoji differ or cancels, the new app cancels, its clock
// runs out (it sends m.timeout). Each time the page says so in a sentence
// and the keys the server publishes for the account are byte for byte the
// same (nothing signed). Then a request from someone else's account is
// turned down with a sentence.
func TestLiveVerifyStops(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "verify-stops")
	name := uniqueName("vito")
	const password = "vito's long password"
	userID := p.newUser(t, name, password)
	_, onlookerToken, _, err := p.SB.HS.RegisterUser(t.Context(), uniqueName("onlooker"), "onlooker password", false)
	if err != nil {
		t.Fatal(err)
	}
	logInAt(t, r, p, userID, password)
	node := ensureJSSDK(t)
	for _, tc := range []struct {
		name, atEmoji, click, step, says, code string
	}{
		{"they differ", "wait", ".live-verify-differ", "ended", "You said the emoji differ, so nothing was verified", "m.mismatched_sas"},
		{"cancelled here", "wait", ".live-verify-cancel", "ended", "You stopped the verification. Nothing was changed.", "m.user"},
		{"cancelled there", "cancel", "", "ended", "The verification was stopped on “", ""},
		{"timed out there", "timeout", "", "ended", "The verification took too long and was stopped.", ""},
	} {
		js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
			"HM_MODE=ask", "HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+userID, "HM_PASSWORD="+password,
			"HM_DEVICE_NAME=app "+tc.name, "HM_AT_EMOJI="+tc.atEmoji)
		verifyStep(r, "asked")
		before := publishedKeys(t, p.SB.HS.URL, onlookerToken, userID)
		r.click(tc.name+": accepting", ".live-verify-accept")
		nextReport(t, js, func(l verifyReport) bool { return len(l.Emoji) > 0 })
		if tc.click != "" {
			verifyStep(r, "compare")
			r.click(tc.name, tc.click)
		}
		verifyStep(r, tc.step)
		r.text(tc.name+": the sentence", ".live-verify-text", tc.says)
		r.screenshot(strings.ReplaceAll(tc.name, " ", "-"), ".live-client")
		res := nextReport(t, js, func(l verifyReport) bool { return l.Done != nil })
		if *res.Done || tc.code != "" && res.CancelCode != tc.code {
			t.Errorf("%s: matrix-js-sdk reports %+v; want cancelled (%q)", tc.name, res, tc.code)
		}
		if after := publishedKeys(t, p.SB.HS.URL, onlookerToken, userID); !bytes.Equal(before, after) {
			t.Errorf("%s: the account's published keys changed:\nbefore %s\nafter  %s", tc.name, before, after)
		}
		r.click(tc.name+": closing", ".live-verify-close")
		r.wait("the panel is gone", `document.querySelector(".live-verify") === null`)
	}

	stranger := uniqueName("stranger")
	strangerID := p.newUser(t, stranger, "stranger password")
	before := publishedKeys(t, p.SB.HS.URL, onlookerToken, userID)
	js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
		"HM_MODE=foreign", "HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+strangerID, "HM_PASSWORD=stranger password",
		"HM_TARGET="+userID, "HM_TARGET_DEVICE="+readSession(r).DeviceID)
	r.text("someone else's request is turned down", ".live-verify-refusal", strangerID+" asked to verify this device. That is someone else's account")
	if res := nextReport(t, js, func(l verifyReport) bool { return l.Done != nil }); *res.Done || res.CancelCode != "m.user" {
		t.Errorf("matrix-js-sdk reports %+v; want its request declined", res)
	}
	if after := publishedKeys(t, p.SB.HS.URL, onlookerToken, userID); !bytes.Equal(before, after) {
		t.Errorf("the account's published keys changed after someone else's request:\nbefore %s\nafter  %s", before, after)
	}
}

// The guide asks: the account's identity and key backup were made in
// another app (matrix-js-sdk, which also wrote in an encrypted room); a
// browser signs in, is told it is not verified and cannot read that
// message, and starts "Verify with another device". The other app
// accepts; the page shows the emoji it shows; both confirm. The device is
// then verified and the earlier message decrypts from the backup.
func TestLiveVerifyThisDevice(t *testing.T) {
	p := startPractice(t)
	name := uniqueName("vida")
	const password = "vida's long password"
	userID := p.newUser(t, name, password)
	say := "Written in my other app, " + name
	js := nodepkg.StartForTest(t, ensureJSSDK(t), interopDir, "crypto_verify.mjs", 4*time.Minute,
		"HM_MODE=answer", "HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+userID, "HM_PASSWORD="+password,
		"HM_DEVICE_NAME=Element on my laptop", "HM_SAY="+say)
	var other, sent verifyReport
	js.Next(t, &other)
	js.Next(t, &sent)

	r := newReader(t, 1280, 900, "verify-this-device")
	logInAt(t, r, p, userID, password)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.fill("typing the other app's room", "#fm-room", sent.RoomID)
	r.click("opening it", "#fm-join")
	assertUnverifiedTold(t, r) // live_identity_test.go
	nextReport(t, js, func(l verifyReport) bool { return l.KnowsDevices > 0 })
	r.click("asking the other app", "#id-verify-other")
	verifyStep(r, "compare")
	shown := nextReport(t, js, func(l verifyReport) bool { return len(l.Emoji) > 0 })
	if got := pageEmoji(t, r); !sameEmojiList(got, shown.Emoji) {
		t.Fatalf("the page shows %v; matrix-js-sdk shows %v", got, shown.Emoji)
	}
	r.click("saying they match", ".live-verify-match")
	r.text("verified, history read", ".live-verify-text", "This device is verified now, and your earlier messages have been read from your key backup.")
	r.wait("the earlier message reads", `[...document.querySelectorAll(".live-line")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(say)+`)`)
	r.wait("the unverified note is gone", `document.querySelector("#id-unverified") === null`)
	r.screenshot("verified", ".live-client")
	if res := nextReport(t, js, func(l verifyReport) bool { return l.Done != nil }); !*res.Done || !res.CrossSigned {
		t.Errorf("matrix-js-sdk reports %+v; want done and this browser's device cross-signed", res)
	}
}
