package synapse

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"hellomatrix/internal/hsharness"
	"hellomatrix/internal/proc"
)

// Two kinds of leftovers are stopped here. A persistent data folder may still
// have a Synapse from a run that did not shut down: two processes on one
// SQLite file would corrupt it, so Start stops it first (stopStale, through
// the pid file's lock that the server holds). And a test binary killed by a
// timeout leaves its servers running in their own process groups on
// temporary folders nobody reuses: each Start records its server in the
// runtime folder and holds a lock there for as long as it owns the server;
// the next Start anywhere stops the servers whose owner's lock is free
// (sweepOrphans). Locks, not process numbers read from /proc, tell who is
// alive: the kernel drops a lock when its holder ends, and a sandbox's /proc
// may show another pid namespace's numbers.

func pidFile(dir string) string { return filepath.Join(dir, "synapse.pid") }

func stopStale(dir string) {
	hsharness.StopStale(pidFile(dir), true)
}

// entry is one running server in the runtime folder.
type entry struct {
	PID     int    `json:"pid"`
	Dir     string `json:"dir"`
	TempDir bool   `json:"temp_dir"`
}

// runtimeDir is <cache>/synapse-run.
func runtimeDir() (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, "synapse-run"), nil
}

// register records the server and returns the owner's lock on the record,
// held until unregister (or until this process ends, however it ends).
func register(pid int, dir string, temp bool) *os.File {
	rt, err := runtimeDir()
	if err != nil || os.MkdirAll(rt, 0o755) != nil {
		return nil
	}
	base := filepath.Join(rt, strconv.Itoa(pid))
	owner, err := proc.TryLock(base + ".owner")
	if err != nil {
		return nil
	}
	b, _ := json.Marshal(entry{PID: pid, Dir: dir, TempDir: temp})
	os.WriteFile(base+".json", b, 0o600)
	return owner
}

func unregister(pid int, owner *os.File) {
	if rt, err := runtimeDir(); err == nil {
		base := filepath.Join(rt, strconv.Itoa(pid))
		os.Remove(base + ".json")
		os.Remove(base + ".owner")
	}
	if owner != nil {
		owner.Close()
	}
}

// sweepOrphans stops every recorded server whose owner has ended and removes
// its temporary folder.
func sweepOrphans() {
	rt, err := runtimeDir()
	if err != nil {
		return
	}
	files, _ := filepath.Glob(filepath.Join(rt, "*.json"))
	for _, f := range files {
		base := strings.TrimSuffix(f, ".json")
		owner, err := proc.TryLock(base + ".owner")
		if errors.Is(err, proc.ErrHeld) {
			continue // its owner still runs and will stop it
		} else if err != nil {
			continue
		}
		b, err := os.ReadFile(f)
		var e entry
		if err == nil && json.Unmarshal(b, &e) == nil && e.Dir != "" {
			stopStale(e.Dir) // signals it only if it still holds its pid file
			if e.TempDir && strings.HasPrefix(filepath.Base(e.Dir), "synapse-") {
				os.RemoveAll(e.Dir)
			}
		}
		os.Remove(f)
		os.Remove(base + ".owner")
		owner.Close()
	}
}
