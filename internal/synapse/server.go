package synapse

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"hellomatrix/internal/hsharness"
	"hellomatrix/internal/proc"
)

// Server is a running Synapse.
type Server struct {
	URL          string // http://127.0.0.1:PORT, the client-server API base
	ServerName   string // the domain in user IDs
	SharedSecret string // for RegisterUser and the admin API
	Dir          string // config, key, database, media and synapse.log

	// StartTime is how long Start took from launching Python until
	// /_matrix/client/versions answered.
	StartTime time.Duration

	cmd     *exec.Cmd
	exited  chan struct{} // closed when the process has exited
	tempDir bool          // Dir is ours to remove on Stop
	owner   *os.File      // our lock on the runtime record (see sweepOrphans)
	stopped sync.Once

	adminMu    sync.Mutex
	adminToken string
}

// Start installs Synapse if needed, writes this scenario's config and starts
// it, returning once /_matrix/client/versions answers.
func Start(ctx context.Context, o Options) (*Server, error) {
	in, err := Ensure(ctx)
	if err != nil {
		return nil, err
	}
	sweepOrphans()
	p, err := hsharness.Settle("synapse", hsharness.Place{Addr: o.Addr, Dir: o.Dir, ServerName: o.ServerName, SharedSecret: o.SharedSecret}, stopStale)
	if err != nil {
		return nil, err
	}
	addr := p.Addr
	o.Dir, o.ServerName, o.SharedSecret = p.Dir, p.ServerName, p.SharedSecret
	s := &Server{URL: "http://" + addr, ServerName: p.ServerName, SharedSecret: p.SharedSecret, Dir: p.Dir, tempDir: p.TempDir, exited: make(chan struct{})}

	if err := ensureSigningKey(o.Dir); err != nil {
		return nil, s.fail(err)
	}
	if err := copyTemplate(in.TemplateDB, o.Dir); err != nil {
		return nil, s.fail(err)
	}
	cfg, err := writeConfig(o, o.Dir, addr)
	if err != nil {
		return nil, s.fail(err)
	}
	s.cmd = exec.Command(in.Python, "-m", "synapse.app.homeserver", "--config-path", cfg)
	s.cmd.Dir = o.Dir
	// Launch gives it its own process group, so Stop (and a later sweep) can
	// end Synapse and anything it spawned with one signal.
	begin := time.Now()
	if err := hsharness.Launch("synapse", s.cmd, s.logPath(), pidFile(o.Dir), s.exited); err != nil {
		return nil, s.fail(err)
	}
	s.owner = register(s.cmd.Process.Pid, o.Dir, s.tempDir)

	if err := hsharness.WaitReady(ctx, "synapse", s.URL, s.exited, 90*time.Second, s.logPath()); err != nil {
		s.Stop()
		return nil, err
	}
	s.StartTime = time.Since(begin)
	return s, nil
}

// copyTemplate gives a new data folder the migrated empty database. A folder
// that already has a database (a persistent server) keeps its own.
func copyTemplate(template, dir string) error {
	dst := filepath.Join(dir, "homeserver.db")
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(template+suffix, dst+suffix); err != nil && !(suffix != "" && os.IsNotExist(err)) {
			return fmt.Errorf("synapse: copying the template database: %w", err)
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func (s *Server) logPath() string { return filepath.Join(s.Dir, "synapse.log") }

// Stop ends the process group (SIGTERM, then SIGKILL after 10 s) and removes
// a temporary data folder. It is safe to call more than once.
func (s *Server) Stop() error {
	var err error
	s.stopped.Do(func() {
		if s.cmd != nil && s.cmd.Process != nil {
			pid := s.cmd.Process.Pid
			proc.StopGroup(pid, s.exited, 10*time.Second)
			os.Remove(pidFile(s.Dir))
			unregister(pid, s.owner)
		}
		if s.tempDir {
			err = os.RemoveAll(s.Dir)
		}
	})
	return err
}

// Exited is closed when the Synapse process has ended.
func (s *Server) Exited() <-chan struct{} { return s.exited }

func (s *Server) fail(err error) error {
	if s.tempDir {
		os.RemoveAll(s.Dir)
	}
	return err
}

// PID is the Synapse process's id (also its process group's).
func (s *Server) PID() int { return s.cmd.Process.Pid }
