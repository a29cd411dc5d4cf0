package hsharness

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"hellomatrix/internal/proc"
)

// StopStale stops a server left running by an earlier run that did not shut
// down (e.g. a killed `make run`) on the data folder whose pid file is given:
// two processes on one set of SQLite files would corrupt them. The pid file
// is removed afterwards; Start writes a fresh one.
func StopStale(pidFile string, group bool, markers ...string) {
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return
	}
	StopIfOurs(pid, group, markers...)
	os.Remove(pidFile)
}

// StopIfOurs ends pid with signal (SIGTERM, then SIGKILL after 10 s), but
// only if its command line holds every marker (the server's program, its
// config): a pid file may outlive its process and the number be reused.
// With group the signals go to pid's whole process group (a server that
// spawns helpers), else to the process alone.
func StopIfOurs(pid int, group bool, markers ...string) {
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	for _, m := range markers {
		if !strings.Contains(string(cmdline), m) {
			return
		}
	}
	signal := func(sig syscall.Signal) {
		if group {
			proc.SignalGroup(pid, sig)
		} else if p, err := os.FindProcess(pid); err == nil {
			p.Signal(sig)
		}
	}
	signal(syscall.SIGTERM)
	for i := 0; i < 100; i++ {
		if !proc.Alive(pid) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	signal(syscall.SIGKILL)
}
