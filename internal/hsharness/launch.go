package hsharness

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"

	"hellomatrix/internal/proc"
	"hellomatrix/internal/waitup"
)

// Launch starts cmd in its own process group (so a Ctrl-C meant for
// `make run` reaches the harness first, and the server is stopped in order)
// with its output appended to logPath, records its pid in pidFile, and
// closes exited once the process has ended. The server inherits the pid
// file's lock (see StopStale), so the lock ends with it. kind ("synapse",
// "dendrite") starts the error sentence.
func Launch(kind string, cmd *exec.Cmd, logPath, pidFile string, exited chan struct{}) error {
	lock, err := proc.TryLock(pidFile)
	if errors.Is(err, proc.ErrHeld) {
		return fmt.Errorf("%s: another server still runs on this data folder (%s is locked); stop it first", kind, pidFile)
	} else if err != nil {
		return fmt.Errorf("%s: pid file: %w", kind, err)
	}
	// Our copy closes on return; the server's copy (its fd 3) keeps the lock.
	defer lock.Close()
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.ExtraFiles = append(cmd.ExtraFiles, lock)
	proc.OwnGroup(cmd)
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("%s: start: %w", kind, err)
	}
	go func() { cmd.Wait(); logf.Close(); close(exited) }()
	lock.Truncate(0)
	lock.WriteAt([]byte(strconv.Itoa(cmd.Process.Pid)), 0)
	return nil
}

// WaitReady returns once baseURL's /_matrix/client/versions answers 200. If
// the server exits first, or limit passes, the error says so and quotes the
// end of its log.
func WaitReady(ctx context.Context, kind, baseURL string, exited <-chan struct{}, limit time.Duration, logPath string) error {
	switch err := waitup.HTTP200(ctx, baseURL+"/_matrix/client/versions", exited, limit); err {
	case nil:
		return nil
	case waitup.ErrExited:
		return fmt.Errorf("%s exited during start-up; see %s:\n%s", kind, logPath, logTail(logPath))
	default:
		return fmt.Errorf("%s did not answer /versions within %s; see %s:\n%s", kind, limit, logPath, logTail(logPath))
	}
}

// logTail is the last 4000 bytes of the log: enough for the error that
// stopped a start, short enough to read in a test failure.
func logTail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}
