package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Data from the one-folder layout moves into its own port's folder, named
// after the server its greeter was made under, whatever port is asked for.
func TestDataDirMovesSingleServerData(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{"dendrite", "greeter"} {
		if err := os.MkdirAll(filepath.Join(base, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(base, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("greeter/session", `{"homeserver_url":"http://127.0.0.1:8008","user_id":"@greeter:localhost:8008"}`)
	write("dendrite/dendrite.yaml", "server_name: localhost:8008\n")
	write("shared-secret", "s3cret")

	dir, err := DataDir(base, "127.0.0.1:8108")
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join(base, "localhost-8108") {
		t.Errorf("DataDir = %s", dir)
	}
	for _, part := range []string{"greeter/session", "dendrite/dendrite.yaml", "shared-secret"} {
		if _, err := os.Stat(filepath.Join(base, "localhost-8008", part)); err != nil {
			t.Errorf("%s did not move to localhost-8008: %v", part, err)
		}
		if _, err := os.Stat(filepath.Join(base, part)); err == nil {
			t.Errorf("%s is still in the old place", part)
		}
	}
	// Asking again changes nothing.
	if again, err := DataDir(base, "127.0.0.1:8008"); err != nil || again != filepath.Join(base, "localhost-8008") {
		t.Errorf("DataDir again = %s, %v", again, err)
	}
	if _, err := DataDir(base, "no-port"); err == nil {
		t.Error("an address without a port was accepted")
	}
}

// The bug this layout fixes: `make run` with another SANDBOX_PORT over data
// made for the first port failed ("greeter: user ID already taken"). Each
// port now has its own server, and going back finds the first one intact.
func TestSandboxOnAnotherPortThenBack(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	first, second := freeLoopbackAddr(t), freeLoopbackAddr(t)
	start := func(addr string) *Sandbox {
		t.Helper()
		dir, err := DataDir(base, addr)
		if err != nil {
			t.Fatal(err)
		}
		sb, err := Start(ctx, Options{Dir: dir, Addr: addr, Fast: true})
		if err != nil {
			t.Fatalf("starting on %s: %v", addr, err)
		}
		return sb
	}
	sb := start(first)
	room := sb.WelcomeRoom
	sb.Stop()
	sb = start(second)
	if sb.WelcomeRoom == room {
		t.Error("the second port's server has the first one's room")
	}
	sb.Stop()
	sb = start(first)
	defer sb.Stop()
	if sb.WelcomeRoom != room {
		t.Errorf("back on the first port the welcome room changed: %s → %s", room, sb.WelcomeRoom)
	}
}
