package dendrite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"hellomatrix/internal/proc"
	"hellomatrix/internal/waitup"
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
	addr, err := loopbackAddr(o.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + addr, exited: make(chan struct{})}
	if o.Dir == "" {
		if o.Dir, err = os.MkdirTemp("", "dendrite-"); err != nil {
			return nil, err
		}
		s.tempDir = true
	}
	if o.Dir, err = filepath.Abs(o.Dir); err != nil {
		return nil, err
	}
	s.Dir = o.Dir
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, err
	}
	stopStale(o.Dir)
	if o.ServerName == "" {
		o.ServerName = addr
	}
	s.ServerName = o.ServerName
	if o.SharedSecret == "" {
		o.SharedSecret = randomHex(16)
	}
	s.SharedSecret = o.SharedSecret

	if err := ensureKey(ctx, bin, o.Dir); err != nil {
		return nil, s.fail(err)
	}
	cfg, err := writeConfig(o, o.Dir, s.URL)
	if err != nil {
		return nil, s.fail(err)
	}
	logf, err := os.OpenFile(filepath.Join(o.Dir, "dendrite.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, s.fail(err)
	}
	args := []string{"-config", cfg, "-http-bind-address", addr}
	if !o.RegistrationDisabled {
		args = append(args, "-really-enable-open-registration")
	}
	s.cmd = exec.Command(filepath.Join(bin, "dendrite"), args...)
	s.cmd.Dir = o.Dir
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	// Its own process group, so a Ctrl-C meant for `make run` reaches us
	// first and we stop Dendrite in order.
	proc.OwnGroup(s.cmd)
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return nil, s.fail(fmt.Errorf("dendrite: start: %w", err))
	}
	go func() { s.cmd.Wait(); logf.Close(); close(s.exited) }()
	os.WriteFile(pidFile(o.Dir), []byte(strconv.Itoa(s.cmd.Process.Pid)), 0o600)

	if err := s.waitReady(ctx, 90*time.Second); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// loopbackAddr resolves the listen address, refusing anything off loopback:
// this harness must never expose a homeserver to the network.
func loopbackAddr(addr string) (string, error) {
	if addr == "" {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		defer l.Close()
		return l.Addr().String(), nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("dendrite: address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("dendrite: address %q is not a loopback IP; the harness only listens on 127.0.0.1 or ::1", addr)
	}
	return addr, nil
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

func (s *Server) waitReady(ctx context.Context, limit time.Duration) error {
	switch err := waitup.HTTP200(ctx, s.URL+"/_matrix/client/versions", s.exited, limit); err {
	case nil:
		return nil
	case waitup.ErrExited:
		return fmt.Errorf("dendrite exited during start-up; see %s:\n%s", filepath.Join(s.Dir, "dendrite.log"), s.logTail())
	default:
		return fmt.Errorf("dendrite did not answer /versions within %s; see %s:\n%s", limit, filepath.Join(s.Dir, "dendrite.log"), s.logTail())
	}
}

func (s *Server) logTail() string {
	b, _ := os.ReadFile(filepath.Join(s.Dir, "dendrite.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

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
// set of SQLite files would corrupt them.
func stopStale(dir string) {
	b, err := os.ReadFile(pidFile(dir))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return
	}
	// Only signal it if it really is a dendrite of this folder.
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if !strings.Contains(string(cmdline), filepath.Join(dir, "dendrite.yaml")) {
		return
	}
	p, _ := os.FindProcess(pid)
	p.Signal(syscall.SIGTERM)
	for i := 0; i < 100; i++ {
		if err := p.Signal(syscall.Signal(0)); errors.Is(err, os.ErrProcessDone) || err != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.Kill()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
