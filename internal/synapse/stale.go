package synapse

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"hellomatrix/internal/hsharness"
)

// Two kinds of leftovers are stopped here. A persistent data folder may still
// have a Synapse from a run that did not shut down: two processes on one
// SQLite file would corrupt it, so Start stops it first (stopStale). And a
// test binary killed by a timeout leaves its servers running in their own
// process groups on temporary folders nobody reuses: each Start records its
// server in the runtime folder with the test binary's identity, and the next
// Start anywhere stops the servers whose owner is gone (sweepOrphans).

func pidFile(dir string) string { return filepath.Join(dir, "synapse.pid") }

func stopStale(dir string) {
	hsharness.StopStale(pidFile(dir), true)
}

// stopIfOurs ends pid's process group, but only if pid really is a Synapse
// running the given config: a pid file may outlive its process and the number
// be reused.
func stopIfOurs(pid int, config string) {
	hsharness.StopIfOurs(pid, true, "synapse.app.homeserver", config)
}

// entry is one running server in the runtime folder.
type entry struct {
	PID        int    `json:"pid"`
	Config     string `json:"config"`
	Dir        string `json:"dir"`
	TempDir    bool   `json:"temp_dir"`
	Owner      int    `json:"owner"`       // the process that started it
	OwnerStart string `json:"owner_start"` // its start time, against pid reuse
}

// runtimeDir is <cache>/synapse-run.
func runtimeDir() (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, "synapse-run"), nil
}

func register(pid int, config, dir string, temp bool) {
	rt, err := runtimeDir()
	if err != nil || os.MkdirAll(rt, 0o755) != nil {
		return
	}
	me := os.Getpid()
	b, _ := json.Marshal(entry{PID: pid, Config: config, Dir: dir, TempDir: temp, Owner: me, OwnerStart: startTime(me)})
	os.WriteFile(filepath.Join(rt, strconv.Itoa(pid)+".json"), b, 0o600)
}

func unregister(pid int) {
	if rt, err := runtimeDir(); err == nil {
		os.Remove(filepath.Join(rt, strconv.Itoa(pid)+".json"))
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
		b, err := os.ReadFile(f)
		var e entry
		if err != nil || json.Unmarshal(b, &e) != nil || e.PID <= 0 {
			os.Remove(f)
			continue
		}
		if st := startTime(e.Owner); st != "" && st == e.OwnerStart {
			continue // its owner still runs and will stop it
		}
		stopIfOurs(e.PID, e.Config)
		if e.TempDir && strings.HasPrefix(filepath.Base(e.Dir), "synapse-") {
			os.RemoveAll(e.Dir)
		}
		os.Remove(f)
	}
}

// startTime is field 22 of /proc/PID/stat (clock ticks since boot), or "" if
// the process does not exist.
func startTime(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) may hold spaces; fields after it do not.
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.Fields(s)
	if len(f) < 20 {
		return ""
	}
	return f[19] // field 22 overall: f[0] is field 3
}
