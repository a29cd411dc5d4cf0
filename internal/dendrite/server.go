package dendrite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"hellomatrix/internal/hsharness"
)

// Server is a running Dendrite.
type Server struct {
	URL          string // http://127.0.0.1:PORT, the client-server API base
	ServerName   string // the domain in user IDs
	SharedSecret string // for RegisterUser
	Dir          string // config, keys, databases and dendrite.log

	cmd     *exec.Cmd
	exited  chan struct{} // closed when the process has exited
	tempDir bool          // Dir is ours to remove on Stop
}

// Start builds Dendrite if needed, writes its config and starts it, returning
// once /_matrix/client/versions answers.
func Start(ctx context.Context, o Options) (*Server, error) {
	bin, err := EnsureBinaries(ctx)
	if err != nil {
		return nil, err
	}
	p, err := hsharness.Settle("dendrite", hsharness.Place{Addr: o.Addr, Dir: o.Dir, ServerName: o.ServerName, SharedSecret: o.SharedSecret}, stopStale)
	if err != nil {
		return nil, err
	}
	addr := p.Addr
	o.Dir, o.ServerName, o.SharedSecret = p.Dir, p.ServerName, p.SharedSecret
	s := &Server{URL: "http://" + addr, ServerName: p.ServerName, SharedSecret: p.SharedSecret, Dir: p.Dir, tempDir: p.TempDir, exited: make(chan struct{})}

	if err := ensureKey(ctx, bin, o.Dir); err != nil {
		return nil, s.fail(err)
	}
	cfg, err := writeConfig(o, o.Dir, s.URL)
	if err != nil {
		return nil, s.fail(err)
	}
	args := []string{"-config", cfg, "-http-bind-address", addr}
	if !o.RegistrationDisabled {
		args = append(args, "-really-enable-open-registration")
	}
	s.cmd = exec.Command(filepath.Join(bin, "dendrite"), args...)
	s.cmd.Dir = o.Dir
	// Launch gives it its own process group, so a Ctrl-C meant for
	// `make run` reaches us first and we stop Dendrite in order.
	if err := hsharness.Launch("dendrite", s.cmd, s.logPath(), pidFile(o.Dir), s.exited); err != nil {
		return nil, s.fail(err)
	}

	if err := hsharness.WaitReady(ctx, "dendrite", s.URL, s.exited, 90*time.Second, s.logPath()); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func ensureKey(ctx context.Context, bin, dir string) error {
	key := filepath.Join(dir, "matrix_key.pem")
	if _, err := os.Stat(key); err == nil {
		return nil // a persistent server keeps its signing key across restarts
	}
	out, err := exec.CommandContext(ctx, filepath.Join(bin, "generate-keys"), "-private-key", key).CombinedOutput()
	if err != nil {
		return fmt.Errorf("dendrite: generate-keys: %v: %s", err, out)
	}
	return nil
}

func (s *Server) logPath() string { return filepath.Join(s.Dir, "dendrite.log") }

// Stop ends the process (SIGTERM, then SIGKILL after 10 s) and removes a
// temporary data folder. It is safe to call more than once.
func (s *Server) Stop() error {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
		}
		os.Remove(pidFile(s.Dir))
	}
	if s.tempDir {
		return os.RemoveAll(s.Dir)
	}
	return nil
}

// Exited is closed when the Dendrite process has ended.
func (s *Server) Exited() <-chan struct{} { return s.exited }

func (s *Server) fail(err error) error {
	if s.tempDir {
		os.RemoveAll(s.Dir)
	}
	return err
}

func pidFile(dir string) string { return filepath.Join(dir, "dendrite.pid") }

// stopStale stops a Dendrite left running on this data folder by an earlier
// run that did not shut down (e.g. a killed `make run`): two processes on one
// set of SQLite files would corrupt them. Only a process that still holds
// this folder's pid-file lock is signalled, and only that process, as Stop
// does: Dendrite spawns nothing.
func stopStale(dir string) {
	hsharness.StopStale(pidFile(dir), false)
}
