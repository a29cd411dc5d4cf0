package hsharness

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"hellomatrix/internal/proc"
)

func TestLoopbackAddrRefusesAnythingOffLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:8008", "[::]:8008", "localhost:8008", "192.0.2.1:8008", "8008"} {
		if _, err := LoopbackAddr("test", addr); err == nil || !strings.HasPrefix(err.Error(), "test: address ") {
			t.Errorf("LoopbackAddr(%q) = %v, want a refusal starting with the kind", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:8008", "[::1]:8008"} {
		if got, err := LoopbackAddr("test", addr); err != nil || got != addr {
			t.Errorf("LoopbackAddr(%q) = %q, %v; want it kept", addr, got, err)
		}
	}
	got, err := LoopbackAddr("test", "")
	if err != nil || !strings.HasPrefix(got, "127.0.0.1:") || strings.HasSuffix(got, ":0") {
		t.Fatalf("LoopbackAddr(\"\") = %q, %v; want a free port on 127.0.0.1", got, err)
	}
}

// A server Launch started holds its pid file's lock, so StopStale stops it
// and removes the pid file. A pid file nobody holds names a server that has
// ended: the number in it may be another process's now, which is left alone.
func TestStopStaleStopsOnlyTheServerHoldingThePidFile(t *testing.T) {
	dir := t.TempDir()
	pf := filepath.Join(dir, "server.pid")

	other := exec.Command("sleep", "3008")
	if err := other.Start(); err != nil {
		t.Fatalf("sleep: %v", err)
	}
	t.Cleanup(func() { other.Process.Kill(); other.Wait() })
	os.WriteFile(pf, []byte(strconv.Itoa(other.Process.Pid)+"\n"), 0o600)
	StopStale(pf, false)
	if !proc.Alive(other.Process.Pid) {
		t.Fatal("a process that does not hold the pid file's lock was stopped")
	}
	if _, err := os.Stat(pf); !os.IsNotExist(err) {
		t.Fatalf("the unheld pid file is still there: %v", err)
	}

	exited := make(chan struct{})
	server := exec.Command("sleep", "3007")
	if err := Launch("test", server, filepath.Join(dir, "server.log"), pf, exited); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Process.Kill(); <-exited })
	if err := Launch("test", exec.Command("sleep", "3009"), filepath.Join(dir, "server.log"), pf, make(chan struct{})); err == nil || !strings.Contains(err.Error(), "another server still runs") {
		t.Fatalf("a second Launch on a held pid file: %v, want a refusal", err)
	}
	b, _ := os.ReadFile(pf)
	if strings.TrimSpace(string(b)) != strconv.Itoa(server.Process.Pid) {
		t.Fatalf("pid file holds %q, want %d", b, server.Process.Pid)
	}
	StopStale(pf, true)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		// What the kernel says of it, for a machine where this happens.
		status, _ := os.ReadFile("/proc/" + strconv.Itoa(server.Process.Pid) + "/status")
		t.Fatalf("the server holding the pid file was not stopped within 30 s; its /proc status:\n%s", status)
	}
	if _, err := os.Stat(pf); !os.IsNotExist(err) {
		t.Fatalf("the pid file is still there: %v", err)
	}
}

func TestUniqueNameNeverRepeats(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		n := UniqueName("u")
		if seen[n] {
			t.Fatalf("%q given twice", n)
		}
		seen[n] = true
	}
}
