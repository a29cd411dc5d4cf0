package loadtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"time"

	"hellomatrix/internal/proc"
	"hellomatrix/internal/waitup"
)

// Site is the guide's server running as `go run ./app serve` on a free
// loopback port, so the load meets the same binary and flags as `make run`.
type Site struct {
	URL  string
	cmd  *exec.Cmd
	done chan struct{}
}

// StartSite runs `go run ./app serve` in repo (the module root) with the
// web files in webDir, and returns once it answers. go run compiles first,
// which can take a while on a cold cache; ready bounds that wait.
func StartSite(ctx context.Context, repo, webDir string, ready time.Duration) (*Site, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("go", "run", "./app", "serve", "-addr", addr, "-web", webDir)
	cmd.Dir = repo
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr // keep stdout for the figures
	// Its own process group, so Stop reaches both go run and the server it
	// started.
	proc.OwnGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Site{URL: "http://" + addr, cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(s.done) }()
	if err := s.waitReady(ctx, ready); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Site) waitReady(ctx context.Context, limit time.Duration) error {
	switch err := waitup.HTTP200(ctx, s.URL+"/", s.done, limit); err {
	case nil:
		return nil
	case waitup.ErrExited:
		return errors.New("loadtest: the site exited before it answered")
	default:
		return fmt.Errorf("loadtest: the site did not answer within %s", limit)
	}
}

// Stop ends the server's process group: SIGTERM (the server shuts down
// gracefully), then SIGKILL after 10 s.
func (s *Site) Stop() {
	proc.StopGroup(s.cmd.Process.Pid, s.done, 10*time.Second)
}

// freeLoopbackAddr asks the kernel for a free port on 127.0.0.1.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
