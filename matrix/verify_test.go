//go:build goolm && !js

package matrix

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/nodepkg"
)

// verifyLine is any line crypto_verify.mjs prints.
type verifyLine struct {
	DeviceID    string      `json:"device_id"`
	RoomID      string      `json:"room_id"`
	EventID     string      `json:"event_id"`
	Emoji       [][2]string `json:"emoji"`
	Done        *bool       `json:"done"`
	Phase       string      `json:"phase"`
	CancelCode  string      `json:"cancel_code"`
	CrossSigned bool        `json:"cross_signed"`
	BackupKey   bool        `json:"backup_key"`
	Decrypted   string      `json:"decrypted"`
}

// nextVerifyLine reads the script's lines until one that has what want
// looks for (the emoji, or the result).
func nextVerifyLine(t *testing.T, s *nodepkg.Script, want func(verifyLine) bool) verifyLine {
	t.Helper()
	for {
		var l verifyLine
		s.Next(t, &l)
		if want(l) {
			return l
		}
	}
}

func isResult(l verifyLine) bool { return l.Done != nil }
func isEmoji(l verifyLine) bool  { return len(l.Emoji) > 0 }

// waitVerify waits until c's verification is as want says.
func waitVerify(t *testing.T, c *Client, what string, want func(Verification) bool) Verification {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		v := c.Verification()
		if want(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the verification is %+v", what, v)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// accountKeys is what the server publishes for the account's devices and
// cross-signing keys (POST /keys/query), in a canonical form (keys
// sorted): what a verification would change by uploading a signature.
func accountKeys(t *testing.T, c *Client) []byte {
	t.Helper()
	ctx := testCtx(t, 30*time.Second)
	me := c.Session().UserID
	raw, err := c.API().MakeRequest(ctx, http.MethodPost, c.API().BuildClientURL("v3", "keys", "query"),
		map[string]any{"device_keys": map[id.UserID][]string{me: {}}}, nil)
	if err != nil {
		t.Fatalf("POST keys/query: %v", err)
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "failures")
	out, _ := json.Marshal(v)
	return out
}

func sameEmoji(v Verification, js [][2]string) bool {
	if len(v.Emoji) != 7 || len(js) != 7 {
		return false
	}
	for i, e := range v.Emoji {
		if e.Symbol != js[i][0] || e.Name != js[i][1] {
			return false
		}
	}
	return true
}

// TestVerifyNewAppAsks: the reader, signed in with the Go core (identity
// made at sign-in, one encrypted message sent, a reload, recovery set up), signs in
// to a new app (matrix-js-sdk, Rust crypto), which asks to be verified.
// The core shows the request with the app's device name; accepted, both
// show the same seven emoji; both confirm; then the new app finds its
// device cross-signed by the account, gets the backup's key through
// secret sharing and decrypts the message sent before it existed.
func TestVerifyNewAppAsks(t *testing.T) { bothServers(t, testVerifyNewAppAsks) }

func testVerifyNewAppAsks(t *testing.T, srv homeserver) {
	node := ensureInteropDeps(t)
	ctx := testCtx(t, 5*time.Minute)
	kvA := NewMemoryKV()
	a := cryptoUser(t, srv, "verifya", kvA)
	if a.IdentityState() != IdentityVerified {
		t.Fatalf("the reader's device is %q, want verified", a.IdentityState())
	}
	room, err := a.CreatePrivateRoom(ctx, "Before the new app")
	if err != nil {
		t.Fatal(err)
	}
	before := "written before the new app, " + string(a.Session().UserID)
	sent, err := a.Send(ctx, room, before)
	if err != nil {
		t.Fatal(err)
	}
	// A reload, then the recovery key: the message's key goes to the
	// backup from what storage kept (a key kept there once went out in a
	// form the Rust crypto could not use).
	a = reload(t, startSync(t, a), a, kvA)
	if _, err := a.SetUpRecovery(ctx); err != nil {
		t.Fatal(err)
	}
	startSync(t, a)

	const name = "My new phone app"
	js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
		"HM_MODE=ask", "HM_HOMESERVER="+srv.URL, "HM_USER="+string(a.Session().UserID), "HM_PASSWORD="+testPassword,
		"HM_DEVICE_NAME="+name, "HM_ROOM="+string(room), "HM_EXPECT="+before)
	var first verifyLine
	js.Next(t, &first)
	v := waitVerify(t, a, "the request shows", func(v Verification) bool { return v.Step == VerifyAsked })
	if !v.Incoming || string(v.Device) != first.DeviceID || v.DeviceName != name {
		t.Errorf("the request is %+v; want incoming from %s named %q", v, first.DeviceID, name)
	}
	if err := a.AcceptVerification(ctx); err != nil {
		t.Fatal(err)
	}
	v = waitVerify(t, a, "the emoji show", func(v Verification) bool { return v.Step == VerifyCompare || !v.Running() })
	shown := nextVerifyLine(t, js, isEmoji)
	if !sameEmoji(v, shown.Emoji) {
		t.Fatalf("the core shows %v; matrix-js-sdk shows %v", v.Emoji, shown.Emoji)
	}
	t.Logf("both show %v", shown.Emoji)
	if err := a.ConfirmEmoji(ctx); err != nil {
		t.Fatal(err)
	}
	waitVerify(t, a, "done", func(v Verification) bool { return v.Step == VerifyDone || !v.Running() && v.Step != VerifyConfirmed })
	if v := a.Verification(); v.Step != VerifyDone {
		t.Fatalf("the verification ended %+v", v)
	}
	res := nextVerifyLine(t, js, isResult)
	if !*res.Done || !res.CrossSigned || !res.BackupKey || res.Decrypted != string(sent.EventID) {
		t.Errorf("matrix-js-sdk reports %+v; want done, its device cross-signed, the backup's key, and %s decrypted", res, sent.EventID)
	}
}

// TestVerifyOtherAppStarts: the new app asks and, once the core accepts,
// starts the emoji itself, as Element does when its reader picks emoji
// (the core is told to wait for that, where it would otherwise start):
// the core answers that start with its commitment, both show the same
// emoji and confirm, and the new app ends cross-signed, with the backup's
// key.
func TestVerifyOtherAppStarts(t *testing.T) {
	startsSAS = false // for both servers' subtests, which run in parallel
	t.Cleanup(func() { startsSAS = true })
	bothServers(t, testVerifyOtherAppStarts)
}

func testVerifyOtherAppStarts(t *testing.T, srv homeserver) {
	node := ensureInteropDeps(t)
	ctx := testCtx(t, 5*time.Minute)
	a := cryptoUser(t, srv, "verifystarts", NewMemoryKV())
	if _, err := a.SetUpRecovery(ctx); err != nil {
		t.Fatal(err)
	}
	startSync(t, a)
	js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
		"HM_MODE=ask", "HM_START=1", "HM_HOMESERVER="+srv.URL, "HM_USER="+string(a.Session().UserID), "HM_PASSWORD="+testPassword)
	waitVerify(t, a, "the request shows", func(v Verification) bool { return v.Step == VerifyAsked })
	if err := a.AcceptVerification(ctx); err != nil {
		t.Fatal(err)
	}
	v := waitVerify(t, a, "the emoji show", func(v Verification) bool { return v.Step == VerifyCompare || !v.Running() })
	shown := nextVerifyLine(t, js, isEmoji)
	if !sameEmoji(v, shown.Emoji) {
		t.Fatalf("the core shows %+v; matrix-js-sdk shows %v", v, shown.Emoji)
	}
	if err := a.ConfirmEmoji(ctx); err != nil {
		t.Fatal(err)
	}
	waitVerify(t, a, "done", func(v Verification) bool { return !v.Running() })
	if v := a.Verification(); v.Step != VerifyDone {
		t.Fatalf("the verification ended %+v", v)
	}
	if res := nextVerifyLine(t, js, isResult); !*res.Done || !res.CrossSigned || !res.BackupKey {
		t.Errorf("matrix-js-sdk reports %+v; want done, its device cross-signed, and the backup's key", res)
	}
}

// TestVerifyStopsSignNothing: each way a verification can stop short, a
// kind the view model words, and the keys the server publishes for the
// account byte for byte the same before and after (nothing signed): the
// emoji said to differ here or there, cancelled here or there, timed out
// here (a short clock) or there (the other app says m.timeout), a request
// from someone else's account, and a second request while one runs.
func TestVerifyStopsSignNothing(t *testing.T) { bothServers(t, testVerifyStopsSignNothing) }

func testVerifyStopsSignNothing(t *testing.T, srv homeserver) {
	node := ensureInteropDeps(t)
	cases := []struct {
		name    string
		atEmoji string              // what the new app does then
		here    func(*Client) error // what the reader does then (nil: nothing)
		end     VerifyEnd           // how the core says it ended
		code    string              // what the new app was told ("" when it ended it)
		clock   time.Duration       // the core's clock, when shortened
	}{
		{"mismatch here", "wait", func(c *Client) error { return c.EmojiDiffer(testCtx(t, time.Minute)) }, EndMismatch, "m.mismatched_sas", 0},
		{"mismatch there", "mismatch", nil, EndMismatchThere, "", 0},
		{"cancel here", "wait", func(c *Client) error { return c.CancelVerification(testCtx(t, time.Minute)) }, EndCancelledHere, "m.user", 0},
		{"cancel there", "cancel", nil, EndCancelledThere, "", 0},
		{"timeout here", "wait", nil, EndTimeout, "m.timeout", 30 * time.Second},
		{"timeout there", "timeout", nil, EndTimeout, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.clock != 0 {
				old := verifyTimeout
				verifyTimeout = tc.clock
				t.Cleanup(func() { verifyTimeout = old })
			}
			ctx := testCtx(t, 4*time.Minute)
			a := cryptoUser(t, srv, "verifystop", NewMemoryKV())
			startSync(t, a)
			js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
				"HM_MODE=ask", "HM_HOMESERVER="+srv.URL, "HM_USER="+string(a.Session().UserID), "HM_PASSWORD="+testPassword,
				"HM_AT_EMOJI="+tc.atEmoji)
			waitVerify(t, a, "the request shows", func(v Verification) bool { return v.Step == VerifyAsked })
			keys := accountKeys(t, a)
			if err := a.AcceptVerification(ctx); err != nil {
				t.Fatal(err)
			}
			// The other app may stop as soon as it shows them, before
			// they show here.
			waitVerify(t, a, "the emoji show", func(v Verification) bool { return v.Step == VerifyCompare || v.Step == VerifyEnded })
			nextVerifyLine(t, js, isEmoji)
			if tc.here != nil {
				if err := tc.here(a); err != nil {
					t.Fatal(err)
				}
			}
			v := waitVerify(t, a, "the end", func(v Verification) bool { return v.Step == VerifyEnded })
			if v.End != tc.end {
				t.Errorf("the core says it ended %q; want %q", v.End, tc.end)
			}
			res := nextVerifyLine(t, js, isResult)
			if *res.Done || tc.code != "" && res.CancelCode != tc.code {
				t.Errorf("matrix-js-sdk reports %+v; want cancelled with %q", res, tc.code)
			}
			if after := accountKeys(t, a); !bytes.Equal(keys, after) {
				t.Errorf("the account's published keys changed:\nbefore %s\nafter  %s", keys, after)
			}
		})
	}

	t.Run("someone else's account", func(t *testing.T) {
		a := cryptoUser(t, srv, "verifytarget", NewMemoryKV())
		startSync(t, a)
		keys := accountKeys(t, a)
		_, other := registerPeer(t, srv, "verifystranger")
		js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
			"HM_MODE=foreign", "HM_HOMESERVER="+srv.URL, "HM_USER="+other, "HM_PASSWORD="+testPassword,
			"HM_TARGET="+string(a.Session().UserID), "HM_TARGET_DEVICE="+string(a.Session().DeviceID))
		v := waitVerify(t, a, "the refusal", func(v Verification) bool { return v.Refused != "" })
		if v.Refused != EndOtherAccount || v.RefusedFrom != other || v.Running() {
			t.Errorf("the core says %+v; want a refusal of %s's request, nothing running", v, other)
		}
		if res := nextVerifyLine(t, js, isResult); *res.Done || res.CancelCode != "m.user" {
			t.Errorf("matrix-js-sdk reports %+v; want its request declined (m.user)", res)
		}
		if after := accountKeys(t, a); !bytes.Equal(keys, after) {
			t.Errorf("the account's published keys changed:\nbefore %s\nafter  %s", keys, after)
		}
	})

	t.Run("a second request", func(t *testing.T) {
		a := cryptoUser(t, srv, "verifybusy", NewMemoryKV())
		startSync(t, a)
		env := []string{"HM_MODE=ask", "HM_HOMESERVER=" + srv.URL, "HM_USER=" + string(a.Session().UserID), "HM_PASSWORD=" + testPassword, "HM_AT_EMOJI=wait"}
		js1 := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute, append(env, "HM_DEVICE_NAME=first app")...)
		var first verifyLine
		js1.Next(t, &first)
		waitVerify(t, a, "the first request shows", func(v Verification) bool { return v.Step == VerifyAsked })
		nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute, append(env, "HM_DEVICE_NAME=second app")...)
		v := waitVerify(t, a, "the refusal", func(v Verification) bool { return v.Refused != "" })
		keys := accountKeys(t, a) // with the second app's device, which asked once its keys were up
		if v.Refused != EndBusy || v.RefusedFrom != "second app" || v.Step != VerifyAsked || string(v.Device) != first.DeviceID {
			t.Errorf("the core says %+v; want the second app refused and the first one's request still there", v)
		}
		if err := a.CancelVerification(testCtx(t, time.Minute)); err != nil {
			t.Fatal(err)
		}
		if after := accountKeys(t, a); !bytes.Equal(keys, after) {
			t.Errorf("the account's published keys changed:\nbefore %s\nafter  %s", keys, after)
		}
	})
}

// TestVerifyGuideAsks: the account's identity and key backup were made in
// another app (matrix-js-sdk, which also sent an encrypted message); the
// Go core signs in as a new device, unverified, and asks to be verified.
// The other app accepts; both show the same emoji and confirm; the core
// is then verified, holds the account's keys (so the other app's message,
// from before it existed, decrypts from the backup), and matrix-js-sdk
// sees it cross-signed.
func TestVerifyGuideAsks(t *testing.T) { bothServers(t, testVerifyGuideAsks) }

func testVerifyGuideAsks(t *testing.T, srv homeserver) {
	node := ensureInteropDeps(t)
	ctx := testCtx(t, 5*time.Minute)
	_, uid := registerPeer(t, srv, "verifyguide")
	say := "written in the other app, " + uid
	js := nodepkg.StartForTest(t, node, interopDir, "crypto_verify.mjs", 4*time.Minute,
		"HM_MODE=answer", "HM_HOMESERVER="+srv.URL, "HM_USER="+uid, "HM_PASSWORD="+testPassword,
		"HM_DEVICE_NAME=Element on the laptop", "HM_SAY="+say)
	var other, sent verifyLine
	js.Next(t, &other)
	js.Next(t, &sent)

	c := secondDevice(t, uid) // crypto_identity_test.go: unverified
	rec := startSync(t, c)
	var knows verifyLine
	js.Next(t, &knows) // the other app knows this device: it would ignore a request before
	if err := c.RequestVerification(ctx); err != nil {
		t.Fatal(err)
	}
	v := waitVerify(t, c, "the emoji show", func(v Verification) bool { return v.Step == VerifyCompare || !v.Running() })
	shown := nextVerifyLine(t, js, isEmoji)
	if !sameEmoji(v, shown.Emoji) || v.Incoming || string(v.Device) != other.DeviceID || v.DeviceName != "Element on the laptop" {
		t.Fatalf("the core shows %+v; matrix-js-sdk (%s) shows %v", v, other.DeviceID, shown.Emoji)
	}
	if err := c.ConfirmEmoji(ctx); err != nil {
		t.Fatal(err)
	}
	v = waitVerify(t, c, "the keys and the backup", func(v Verification) bool { return v.Restored || v.RestoreFailed || v.Step == VerifyEnded })
	if !v.Restored || c.IdentityState() != IdentityVerified || !c.DeviceVerified(ctx) {
		t.Fatalf("after the emoji: %+v, identity %q, verified on the server %v", v, c.IdentityState(), c.DeviceVerified(ctx))
	}
	if res := nextVerifyLine(t, js, isResult); !*res.Done || !res.CrossSigned {
		t.Errorf("matrix-js-sdk reports %+v; want done and the Go device cross-signed", res)
	}
	got := rec.waitMessage(t, 90*time.Second, func(m RoomMessage) bool { return string(m.EventID) == sent.EventID && m.Decrypted })
	if got.Body != say {
		t.Errorf("the other app's earlier message reads %q; want %q", got.Body, say)
	}
}
