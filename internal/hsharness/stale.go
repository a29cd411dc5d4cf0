package hsharness

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"hellomatrix/internal/proc"
)

// A server's pid file is also its liveness lock: Launch takes an advisory
// lock on it and hands the locked descriptor to the server, so the lock is
// held exactly as long as the server (or a helper it spawned with the
// descriptor) runs, and the kernel lets go of it when they end, however they
// end. That answers "is the process named here still the one we started?"
// without reading /proc, whose view of process numbers can differ from ours
// (a sandbox whose /proc belongs to another pid namespace), and without
// trusting a number that may have been reused.

// StopStale stops a server left running by an earlier run that did not shut
// down (e.g. a killed `make run`) on the data folder whose pid file is given:
// two processes on one set of SQLite files would corrupt them. Only a pid
// file whose lock is still held names a live server of ours; one nobody
// holds is left over from a server that has ended, and its number is not
// signalled. With group the signals go to the server's whole process group
// (a server that spawns helpers), else to the process alone: SIGTERM, then
// SIGKILL after 10 s. The pid file is removed afterwards; Launch writes a
// fresh one.
func StopStale(pidFile string, group bool) {
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	if f, err := proc.TryLock(pidFile); err == nil {
		f.Close() // nobody holds it: the server it names has ended
		os.Remove(pidFile)
		return
	} else if !errors.Is(err, proc.ErrHeld) {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return
	}
	ended := func() bool {
		f, err := proc.TryLock(pidFile)
		if err == nil {
			f.Close()
		}
		return err == nil
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		signal(pid, group, sig)
		for i := 0; i < 100 && !ended(); i++ {
			time.Sleep(100 * time.Millisecond)
		}
		if ended() {
			break
		}
	}
	os.Remove(pidFile)
}

func signal(pid int, group bool, sig syscall.Signal) {
	if group {
		proc.SignalGroup(pid, sig)
	} else if p, err := os.FindProcess(pid); err == nil {
		p.Signal(sig)
	}
}
