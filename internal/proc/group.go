package proc

import (
	"os/exec"
	"syscall"
	"time"
)

// StopGroup ends the process group led by pid: SIGTERM, then SIGKILL if
// exited has not closed within grace. exited is closed by whoever waits
// for the process (cmd.Wait).
func StopGroup(pid int, exited <-chan struct{}, grace time.Duration) {
	signalGroup(pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(grace):
		signalGroup(pid, syscall.SIGKILL)
		<-exited
	}
}

// OwnGroup makes cmd start in a process group of its own, led by the new
// process. Call it before cmd.Start.
func OwnGroup(cmd *exec.Cmd) { ownGroup(cmd) }

// SignalGroup sends sig to every process in the group led by pid.
func SignalGroup(pid int, sig syscall.Signal) error { return signalGroup(pid, sig) }

// Alive reports whether a process with this pid exists.
func Alive(pid int) bool { return alive(pid) }
