//go:build !js

package matrix

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/nodepkg"
)

// interopDir holds the pinned matrix-js-sdk (package.json and
// package-lock.json are committed, node_modules is not) and the script.
const interopDir = "testdata/interop"

// TestInteropMatrixJSSDK proves the Go core speaks the same Matrix as the
// reference JavaScript SDK: matrix-js-sdk signs in as B, joins the room our
// core created, finds our message exactly once, and replies; our Sync loop
// must deliver that reply. It needs Node.js and npm and fails (never skips)
// without them, so CI cannot pass by silently not running it.
func TestInteropMatrixJSSDK(t *testing.T) { bothServers(t, testInteropMatrixJSSDK) }

func testInteropMatrixJSSDK(t *testing.T, srv homeserver) {
	node := ensureInteropDeps(t)
	ctx := testCtx(t, 3*time.Minute)

	a := testUser(t, srv, "gocore")
	bName, bID := registerPeer(t, srv, "jssdk")
	room, err := a.CreatePrivateRoom(ctx, "Go meets JS", id.UserID(bID))
	if err != nil {
		t.Fatal(err)
	}
	aSync := startSync(t, a)
	body := "Hello from the Go core, " + bName
	sent, err := a.Send(ctx, room, body)
	if err != nil {
		t.Fatal(err)
	}

	reply := "Hello back from matrix-js-sdk, " + bName
	start := time.Now()
	cmd := peerCommand(ctx, node, "interop.mjs", srv, bName, room,
		"HM_EXPECT="+body,
		"HM_REPLY="+reply,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("interop.mjs failed (%v):\n%s%s", err, stderr.String(), stdout.String())
	}
	t.Logf("matrix-js-sdk run took %s", time.Since(start).Round(time.Millisecond))

	var out struct {
		UserID       string `json:"user_id"`
		SeenEventID  string `json:"seen_event_id"`
		SeenSender   string `json:"seen_sender"`
		ReplyEventID string `json:"reply_event_id"`
	}
	if err := json.Unmarshal(lastLine(stdout.Bytes()), &out); err != nil {
		t.Fatalf("interop.mjs printed %q: %v", stdout.String(), err)
	}
	if out.UserID != bID || out.SeenEventID != string(sent.EventID) || out.SeenSender != string(a.Session().UserID) {
		t.Errorf("matrix-js-sdk saw %+v; want %s's event %s as %s", out, a.Session().UserID, sent.EventID, bID)
	}
	got := aSync.waitMessage(t, 40*time.Second, func(m RoomMessage) bool { return m.RoomID == room && !m.Own })
	if got.Body != reply || string(got.Sender) != bID || string(got.EventID) != out.ReplyEventID {
		t.Errorf("our Sync got %+v; want the reply %s from %s", got, out.ReplyEventID, bID)
	}
	t.Logf("interop round trip took %s", time.Since(start).Round(time.Millisecond))
}

// registerPeer makes the account a matrix-js-sdk script signs in as (the
// script logs in with testPassword itself): its name and user ID.
func registerPeer(t *testing.T, srv homeserver, prefix string) (name, userID string) {
	t.Helper()
	name = uniqueName(prefix)
	userID, _, _, err := srv.RegisterUser(testCtx(t, 30*time.Second), name, testPassword, false)
	if err != nil {
		t.Fatal(err)
	}
	return name, userID
}

// peerCommand runs script from interopDir as user in room on srv, with
// more HM_ variables; everything goes through the environment, so the
// password stays out of process listings.
func peerCommand(ctx context.Context, node, script string, srv homeserver, user string, room id.RoomID, env ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = interopDir
	cmd.Env = append(append(os.Environ(),
		"HM_HOMESERVER="+srv.URL,
		"HM_USER="+user,
		"HM_PASSWORD="+testPassword,
		"HM_ROOM="+string(room),
	), env...)
	return cmd
}

// ensureInteropDeps finds node and installs the pinned SDK with `npm ci`
// when node_modules is missing or stale. It fails the test with a clear
// message when Node.js or npm is not installed.
func ensureInteropDeps(t *testing.T) string {
	t.Helper()
	return nodepkg.EnsureForTest(t, interopDir, "matrix-js-sdk")
}

func lastLine(b []byte) []byte {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return []byte(lines[len(lines)-1])
}
