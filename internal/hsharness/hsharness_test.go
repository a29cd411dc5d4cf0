package hsharness

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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

// A pid file naming a process whose command line lacks a marker is not
// ours: it is left running. One that matches is stopped and its pid file
// removed.
func TestStopStaleStopsOnlyAMatchingProcess(t *testing.T) {
	cmd := exec.Command("sleep", "3007")
	if err := cmd.Start(); err != nil {
		t.Fatalf("sleep: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill() })
	pid := cmd.Process.Pid
	pf := filepath.Join(t.TempDir(), "server.pid")

	os.WriteFile(pf, []byte(strconv.Itoa(pid)), 0o600)
	StopStale(pf, false, "sleep", "some-other-config.yaml")
	if !proc.Alive(pid) {
		t.Fatal("a process that is not ours was stopped")
	}

	os.WriteFile(pf, []byte(strconv.Itoa(pid)+"\n"), 0o600)
	StopStale(pf, false, "sleep", "3007")
	<-exited // blocks for good if it was not stopped
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
