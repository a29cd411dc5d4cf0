//go:build !js

package synapse

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"hellomatrix/internal/hsharness"
)

// A recorded server whose owner's lock is free (its test binary was killed)
// is stopped and its temporary folder removed; one whose owner still holds
// the lock is left running. The "servers" are sleep processes launched the
// way Start launches Synapse, so they hold their pid files' locks.
func TestSweepOrphansStopsOnlyServersWhoseOwnerIsGone(t *testing.T) {
	launch := func() (*exec.Cmd, string, chan struct{}) {
		dir, err := os.MkdirTemp("", "synapse-sweeptest-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		cmd, exited := exec.Command("sleep", "3011"), make(chan struct{})
		if err := hsharness.Launch("test", cmd, filepath.Join(dir, "synapse.log"), pidFile(dir), exited); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); <-exited })
		return cmd, dir, exited
	}

	kept, keptDir, keptExited := launch()
	owner := register(kept.Process.Pid, keptDir, true)
	if owner == nil {
		t.Fatal("register gave no owner lock")
	}
	defer unregister(kept.Process.Pid, owner)

	orphan, orphanDir, orphanExited := launch()
	rt, err := runtimeDir()
	if err != nil {
		t.Fatal(err)
	}
	// A record with no owner holding its lock, as a killed binary leaves it.
	b, _ := json.Marshal(entry{PID: orphan.Process.Pid, Dir: orphanDir, TempDir: true})
	os.WriteFile(filepath.Join(rt, strconv.Itoa(orphan.Process.Pid)+".json"), b, 0o600)

	sweepOrphans()
	select {
	case <-orphanExited:
	case <-time.After(30 * time.Second):
		t.Fatal("the orphaned server still runs 30 s after the sweep")
	}
	if _, err := os.Stat(orphanDir); !os.IsNotExist(err) {
		t.Errorf("the orphan's temporary folder is still there: %v", err)
	}
	select {
	case <-keptExited:
		t.Fatal("a server whose owner still runs was stopped")
	default:
	}
	if _, err := os.Stat(keptDir); err != nil {
		t.Errorf("the owned server's folder was touched: %v", err)
	}
}
