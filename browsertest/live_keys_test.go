package browsertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// A signed-in reader writes in a private (encrypted) room, then sets up
// recovery in "Keeping your messages": the key is shown once, a wrong copy
// typed back is refused with a sentence, the right one finishes, and the
// status says the keys are backed up (before that, the chat reminds the
// reader to make one). matrix-js-sdk, as another device of
// the same account, opens secret storage with that key and finds the
// backup. Then the reader makes a new recovery key (no password asked);
// matrix-js-sdk opens the backup with the new one. Last, a fresh browser
// profile signs in: the message cannot be read there (and says that this
// device is not verified, never that the key is on its way), it
// cannot set up recovery of its own (it is told to restore instead), the
// old key is refused, the new one restores the backup, and the message
// shows decrypted, with its lock.
func TestLiveKeyBackup(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "keys")
	name := uniqueName("carol")
	const password = "carol's long password"
	userID := p.newUser(t, name, password)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	keysPath, keysTitle := chapterPath(t, pages.WidgetKeyBackup)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in as "+userID)

	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.click("creating a private room", "#fm-create")
	r.text("the room says it is encrypted", ".live-note-encrypted", "This room is end-to-end encrypted")
	body := "A note to my future self, " + name
	r.fill("writing", "#fm-message", body)
	r.click("sending", "#fm-send")
	r.wait("the message is confirmed", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(body)+` && l.querySelector(".message-state").dataset.state === "sent")`)
	// The device was cross-signed at sign-in, so without a recovery key
	// yet the reader is reminded, once, that one keeps this history.
	r.text("the reminder to make a recovery key", "#id-reminder", "make a recovery key")
	// Once: after a reload the same room is quiet about it.
	run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
	r.wait("the message is back", `[...document.querySelectorAll(".live-line.own")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(body)+`)`)
	r.wait("the room is known to be encrypted again", `document.querySelector(".live-note-encrypted") !== null`)
	var reminded bool
	run(t, r.ctx, "looking for the reminder", chromedp.Evaluate(`document.querySelector("#id-reminder") !== null`, &reminded))
	if reminded {
		t.Error("the recovery reminder shows again after a reload")
	}
	var roomID string
	run(t, r.ctx, "reading the room", chromedp.Evaluate(`JSON.parse(localStorage.getItem("hellomatrix.live/room")).id`, &roomID))

	run(t, r.ctx, "opening Keeping your messages", chromedp.Navigate(p.Site.URL+keysPath), waitForApp())
	r.wait("the chapter", h1Expr(keysTitle, keysPath))
	r.text("no recovery yet", "#kb-status", "Recovery is not set up")
	r.click("setting up recovery", "#kb-setup")
	r.wait("the key is shown", `(document.querySelector("#kb-key") || {}).textContent > ""`)
	var key string
	run(t, r.ctx, "reading the key", chromedp.Evaluate(`document.querySelector("#kb-key").textContent`, &key))
	if len(strings.Fields(key)) < 10 {
		t.Fatalf("the shown recovery key %q is not groups of characters", key)
	}
	r.screenshot("recovery-key", ".live-client[data-widget=key-backup]")
	// One character changed (to one that differs in any case: the check
	// ignores case, and the key may end in x already).
	wrong := key[:len(key)-1] + "x"
	if strings.EqualFold(key[len(key)-1:], "x") {
		wrong = key[:len(key)-1] + "y"
	}
	r.fill("typing a wrong copy", "#kb-confirm", wrong)
	r.click("finishing", "#kb-finish")
	r.text("the wrong copy is refused", "#kb-confirm-error", "That is not the key shown above.")
	r.fill("typing the key back", "#kb-confirm", key)
	r.click("finishing", "#kb-finish")
	r.text("done", "#kb-status", "your keys are backed up")
	r.wait("the key is gone from the page", `document.querySelector("#kb-key") === null`)

	out := restoreWithJSSDK(t, p.SB.HS.URL, name, password, key)
	if out.Version == "" || out.Total == 0 {
		t.Errorf("matrix-js-sdk found no backup, or no keys in it, with the guide's recovery key: %+v", out)
	}

	// A new recovery key: the account keeps its cross-signing keys, so no
	// password is asked, and the old key stops opening anything.
	r.text("a new key is offered", "#kb-setup", "Make a new recovery key")
	r.click("making a new recovery key", "#kb-setup")
	r.wait("a new key is shown", `(() => { const k = document.querySelector("#kb-key"); return !!k && k.textContent > "" && k.textContent !== `+jsString(key)+`; })()`)
	oldKey := key
	run(t, r.ctx, "reading the new key", chromedp.Evaluate(`document.querySelector("#kb-key").textContent`, &key))
	r.fill("typing the new key back", "#kb-confirm", key)
	r.click("finishing", "#kb-finish")
	r.text("done again", "#kb-status", "your keys are backed up")
	if out := restoreWithJSSDK(t, p.SB.HS.URL, name, password, key); out.Version == "" || out.Total == 0 {
		t.Errorf("matrix-js-sdk found no backup, or no keys in it, with the new recovery key: %+v", out)
	}

	// A fresh profile: new device, no keys.
	r2 := newReader(t, 1280, 900, "keys-new-profile")
	run(t, r2.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r2.fill("typing the user ID", "#login-user", userID)
	r2.fill("typing the password", "#login-password", password)
	r2.click("logging in", "#login-submit")
	r2.text("signed in", ".live-success", "You are signed in as "+userID)
	run(t, r2.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r2.fill("typing the room", "#fm-room", roomID)
	r2.click("opening the room", "#fm-join")
	// This device is not verified (the account's identity was made in the
	// first browser): the line says so and what to do, nothing says its key
	// is on its way, and the chat offers the recovery key.
	r2.wait("the message cannot be read yet, and says why", `[...document.querySelectorAll(".live-line")].some(l =>
		l.querySelector(".live-line-body").textContent.includes("as this device is not verified"))`)
	assertUnverifiedTold(t, r2) // live_identity_test.go
	// The note takes the recovery key itself; a wrong one is refused there.
	r2.fill("typing the old key under the chat", "#id-restore", oldKey)
	r2.click("verifying from the chat", "#id-restore-submit")
	r2.text("the chat refuses the wrong key", "#id-restore-error", "does not match this account")
	run(t, r2.ctx, "opening Keeping your messages", chromedp.Navigate(p.Site.URL+keysPath), waitForApp())
	r2.click("setting up recovery here too", "#kb-setup")
	r2.text("this device is told to restore instead", "#kb-setup-error", "Enter your recovery key below")
	token := readSession(r2).AccessToken
	before := recoveryOnServer(t, p.SB.HS.URL, token, userID)
	r2.fill("typing the old key", "#kb-restore", oldKey)
	r2.click("restoring", "#kb-restore-submit")
	r2.text("the wrong key is refused", "#kb-restore-error", "does not match this account")
	// A wrong key changes nothing on the server: secret storage and the
	// backup read back byte for byte as before.
	after := recoveryOnServer(t, p.SB.HS.URL, token, userID)
	for name, raw := range before {
		if !bytes.Equal(raw, after[name]) {
			t.Errorf("after a wrong recovery key, %s changed on the server:\nbefore %s\nafter  %s", name, raw, after[name])
		}
	}
	r2.fill("typing the key", "#kb-restore", key)
	r2.click("restoring", "#kb-restore-submit")
	r2.text("restored", "#kb-status", "this device can read your earlier messages")
	run(t, r2.ctx, "back to the room", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r2.wait("the message reads, with its lock", `[...document.querySelectorAll(".live-line")].some(l =>
		l.querySelector(".live-line-body").textContent === `+jsString(body)+` && l.querySelector(".live-line-lock") !== null)`)
	r2.wait("the unverified note is gone", `document.querySelector("#id-unverified") === null`)
	r2.screenshot("restored", ".live-lines")
}

// restoreWithJSSDK runs crypto_restore.mjs (matrix/testdata/interop) as a
// new device of user: it opens secret storage with recoveryKey, loads the
// backup key from it and restores the backup.
func restoreWithJSSDK(t *testing.T, hsURL, user, password, recoveryKey string) (out struct {
	Version string `json:"version"`
	Total   int    `json:"total"`
}) {
	t.Helper()
	runInterop(t, "crypto_restore.mjs", &out, "HM_HOMESERVER="+hsURL, "HM_USER="+user, "HM_PASSWORD="+password,
		"HM_ROOM=!none:localhost", "HM_RECOVERY="+recoveryKey, "HM_EXPECT=[]")
	return out
}

// recoveryOnServer reads, as raw bytes, what a restore could touch on the
// server, as the reader's own session sees it: secret storage (the default
// key, its description, the secrets kept with it) and the key backup (its
// version and its keys).
func recoveryOnServer(t *testing.T, hsURL, token, userID string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	get := func(name, path string) []byte {
		req, _ := http.NewRequest(http.MethodGet, hsURL+"/_matrix/client/v3/"+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", name, err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s %s", name, res.Status, raw)
		}
		out[name] = raw
		return raw
	}
	account := func(typ string) []byte {
		return get(typ, "user/"+url.PathEscape(userID)+"/account_data/"+url.PathEscape(typ))
	}
	var def struct {
		Key string `json:"key"`
	}
	json.Unmarshal(account("m.secret_storage.default_key"), &def)
	for _, typ := range []string{"m.secret_storage.key." + def.Key, "m.cross_signing.master", "m.cross_signing.self_signing", "m.cross_signing.user_signing", "m.megolm_backup.v1"} {
		account(typ)
	}
	var version struct {
		Version string `json:"version"`
	}
	json.Unmarshal(get("room_keys/version", "room_keys/version"), &version)
	get("room_keys/keys", "room_keys/keys?version="+url.QueryEscape(version.Version))
	return out
}
