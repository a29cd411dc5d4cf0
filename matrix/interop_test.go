//go:build !js

package matrix

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/dendrite/dendritetest"
)

// interopDir holds the pinned matrix-js-sdk (package.json and
// package-lock.json are committed, node_modules is not) and the script.
const interopDir = "testdata/interop"

// TestInteropMatrixJSSDK proves the Go core speaks the same Matrix as the
// reference JavaScript SDK: matrix-js-sdk signs in as B, joins the room our
// core created, finds our message exactly once, and replies; our Sync loop
// must deliver that reply. It needs Node.js and npm and fails (never skips)
// without them, so CI cannot pass by silently not running it.
func TestInteropMatrixJSSDK(t *testing.T) {
	node := ensureInteropDeps(t)
	srv := dendritetest.Shared(t)
	ctx := testCtx(t, 3*time.Minute)

	a := testUser(t, srv, "gocore")
	bName := dendritetest.UniqueName("jssdk")
	bID, _, _, err := srv.RegisterUser(ctx, bName, testPassword, false)
	if err != nil {
		t.Fatal(err)
	}
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
	cmd := exec.CommandContext(ctx, node, "interop.mjs")
	cmd.Dir = interopDir
	cmd.Env = append(os.Environ(),
		"HM_HOMESERVER="+srv.URL,
		"HM_USER="+bName,
		"HM_PASSWORD="+testPassword,
		"HM_ROOM="+string(room),
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

// ensureInteropDeps finds node and installs the pinned SDK with `npm ci`
// when node_modules is missing or stale. It fails the test with a clear
// message when Node.js or npm is not installed.
func ensureInteropDeps(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("Node.js is required for the matrix-js-sdk interop test but `node` is not on PATH; install Node.js 20 or newer (e.g. apt-get install nodejs npm)")
	}
	// matrix-js-sdk is pinned to 37.5.0, the last release that supports
	// Node 20 (37.6+ want Node 22); older Node fails inside the SDK with
	// errors that do not say so.
	v, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("running node --version: %v", err)
	}
	var major int
	if _, err := fmt.Sscanf(strings.TrimSpace(string(v)), "v%d.", &major); err != nil || major < 20 {
		t.Fatalf("the interop test needs Node.js 20 or newer, found %s", strings.TrimSpace(string(v)))
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	raw, err := os.ReadFile(filepath.Join(interopDir, "package-lock.json"))
	if err != nil {
		t.Fatalf("reading the interop lock file: %v", err)
	}
	if err := json.Unmarshal(raw, &lock); err != nil {
		t.Fatalf("parsing the interop lock file: %v", err)
	}
	want := lock.Packages["node_modules/matrix-js-sdk"].Version
	var have struct {
		Version string `json:"version"`
	}
	installed, err := os.ReadFile(filepath.Join(interopDir, "node_modules", "matrix-js-sdk", "package.json"))
	if err == nil && json.Unmarshal(installed, &have) == nil && have.Version == want {
		return node
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is required to install matrix-js-sdk for the interop test but `npm` is not on PATH; install it (e.g. apt-get install npm)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = interopDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s failed: %v\n%s", interopDir, err, out)
	}
	t.Logf("installed matrix-js-sdk %s with npm ci in %s", want, time.Since(start).Round(time.Millisecond))
	return node
}

func lastLine(b []byte) []byte {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return []byte(lines[len(lines)-1])
}
