//go:build goolm && !js

package matrix

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"
)

// TestCryptoInteropMatrixJSSDK: matrix-js-sdk with its own (Rust) crypto,
// cross-signing set up as Element does, decrypts the message the Go core
// sent in an encrypted room, exactly once; the Go core decrypts its reply;
// then the Go client is reloaded from its stored keys, still reads both,
// and its next message is decrypted by the SDK too (on a Synapse making
// version 12 rooms as well). Both ways work in both
// device isolation modes: OnlySignedDevicesIsolationMode (MSC4153: keys
// only to cross-signed devices, messages from others hidden), which needs
// the Go device cross-signed from its sign-in on, and
// AllDevicesIsolationMode. It needs Node.js and npm and fails (never
// skips) without them.
func TestCryptoInteropMatrixJSSDK(t *testing.T) {
	roomServers(t, func(t *testing.T, srv homeserver) {
		for _, mode := range []string{"signed", "all"} {
			t.Run(mode, func(t *testing.T) { testCryptoInteropMatrixJSSDK(t, srv, mode) })
		}
	})
}

func testCryptoInteropMatrixJSSDK(t *testing.T, srv homeserver, isolation string) {
	node := ensureInteropDeps(t)
	ctx := testCtx(t, 4*time.Minute)
	kvA := NewMemoryKV()
	a := cryptoUser(t, srv, "gocrypto", kvA)
	bName, bID := registerPeer(t, srv, "jscrypto")
	room, err := a.CreatePrivateRoom(ctx, "Go and JS, encrypted", id.UserID(bID))
	if err != nil {
		t.Fatal(err)
	}
	aSync := startSync(t, a)

	first := "encrypted from Go, " + bName
	reply := "encrypted back from matrix-js-sdk, " + bName
	second := "encrypted from Go after a reload, " + bName
	cmd := peerCommand(ctx, node, "crypto_peer.mjs", srv, bName, room,
		"HM_SENDER="+string(a.Session().UserID),
		"HM_EXPECT="+first,
		"HM_REPLY="+reply,
		"HM_EXPECT2="+second,
		"HM_SENDER_DEVICE="+string(a.Session().DeviceID),
		"HM_ISOLATION="+isolation,
	)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	t.Cleanup(func() {
		if t.Failed() { // what the peer saw, whichever check failed
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Logf("crypto_peer.mjs said on stderr:\n%s", stderr.String())
		}
	})
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	var said strings.Builder // what the peer printed before its JSON lines
	fail := func(what string) {
		t.Helper()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("%s; crypto_peer.mjs said:\n%s%s", what, said.String(), stderr.String())
	}
	for ready := false; !ready; {
		if !lines.Scan() {
			fail("matrix-js-sdk did not get ready")
		}
		ready = strings.Contains(lines.Text(), `"ready":true`)
		said.WriteString(lines.Text() + "\n")
	}
	if !strings.Contains(said.String(), `"isolation":"`+isolation+`"`) {
		fail("matrix-js-sdk is not in the device isolation mode " + isolation)
	}

	sent, err := a.Send(ctx, room, first)
	if err != nil {
		fail(err.Error())
	}
	got := aSync.waitMessage(t, 90*time.Second, func(m RoomMessage) bool { return m.RoomID == room && !m.Own && m.Decrypted })
	if got.Body != reply || string(got.Sender) != bID {
		fail("the Go core read the wrong reply")
	}

	// The reload: a new client from the session and the kept keys alone.
	a2 := reload(t, aSync, a, kvA)
	assertReadsHistory(t, a2, room, map[id.EventID]string{sent.EventID: first, got.EventID: reply})
	sent2, err := a2.Send(ctx, room, second)
	if err != nil {
		fail(err.Error())
	}

	var last string
	for lines.Scan() {
		last = lines.Text()
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("crypto_peer.mjs failed (%v):\n%s%s", err, stderr.String(), last)
	}
	var out struct {
		FirstEventID  string `json:"first_event_id"`
		FirstCount    int    `json:"first_count"`
		ReplyEventID  string `json:"reply_event_id"`
		SecondEventID string `json:"second_event_id"`
		SecondCount   int    `json:"second_count"`
		Signed        bool   `json:"sender_device_signed"`
	}
	if err := json.Unmarshal([]byte(last), &out); err != nil {
		t.Fatalf("crypto_peer.mjs printed %q: %v", last, err)
	}
	if out.FirstEventID != string(sent.EventID) || out.FirstCount != 1 || out.SecondEventID != string(sent2.EventID) || out.SecondCount != 1 {
		t.Errorf("matrix-js-sdk decrypted %+v; want %s and %s once each", out, sent.EventID, sent2.EventID)
	}
	if !out.Signed {
		t.Errorf("matrix-js-sdk does not see the Go core's device %s cross-signed by its owner", a.Session().DeviceID)
	}
	if out.ReplyEventID != string(got.EventID) {
		t.Errorf("the Go core decrypted %s; matrix-js-sdk sent %s", got.EventID, out.ReplyEventID)
	}
}
