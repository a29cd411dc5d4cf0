package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// siteServer is the real `app serve` on a free loopback port, as a reader's
// browser would meet it.
type siteServer struct {
	URL string
	web string // the folder it serves /web/ from
	cmd *exec.Cmd
	dir string
}

var servedAt = regexp.MustCompile(`being served at (http://127\.0\.0\.1:\d+)/`)

func startSite(root string) (*siteServer, error) {
	dir, err := os.MkdirTemp("", "hellomatrix-bench-")
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "hellomatrix")
	build := exec.Command("go", "build", "-o", bin, "./app")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("building the server: %v\n%s", err, out)
	}
	s, err := serve(bin, filepath.Join(root, "web"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.dir = dir
	return s, nil
}

// startFloorSite serves the floor app (see floor.go) with the same server
// binary as site, from a web folder of its own.
func startFloorSite(root string, site *siteServer) (*siteServer, error) {
	dir, err := os.MkdirTemp("", "hellomatrix-bench-floor-")
	if err != nil {
		return nil, err
	}
	web, err := floorWeb(root, dir)
	if err == nil {
		var s *siteServer
		if s, err = serve(filepath.Join(site.dir, "hellomatrix"), web); err == nil {
			s.dir = dir
			return s, nil
		}
	}
	os.RemoveAll(dir)
	return nil, err
}

// serve runs bin serve on a free loopback port with the given web folder.
func serve(bin, web string) (*siteServer, error) {
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-web", web)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &siteServer{cmd: cmd, web: web}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servedAt.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case s.URL = <-found:
		return s, nil
	case <-time.After(30 * time.Second):
		s.Stop()
		return nil, errors.New("the server did not start within 30 s")
	}
}

func (s *siteServer) Stop() {
	if s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// benchChapter is the page every browser figure loads: a typical chapter
// with a live-client box, so the app's widget is part of what is measured.
const benchChapter = "/guide/register"

func trimURL(u string) string { return strings.TrimSuffix(u, "/") }
