package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"hellomatrix/internal/serversfeed"
)

// siteServer is the real `app serve` on a free loopback port, as a reader's
// browser would meet it.
type siteServer struct {
	URL  string
	web  string // the folder it serves /web/ from
	cmd  *exec.Cmd
	dir  string
	feed *http.Server // the directory's feed, when this server has one
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
	feed, feedURL, err := startFeed()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s, err := serve(bin, filepath.Join(root, "web"), "-servers-feed", feedURL)
	if err != nil {
		feed.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	s.dir, s.feed = dir, feed
	return s, nil
}

// startFeed serves the directory's live list on loopback, in the community
// feed's shape (internal/serversfeed, the snapshot's open servers), so the
// directory page does what it does for a reader — fetch today's list after
// it starts — without the bench reaching the internet (where the fetch
// fails, and Lighthouse counts the console error). Cross-origin, as the
// real feed is, and gzipped (the bench has no way to see whether the real
// one is; Lighthouse would count an uncompressed one against the page).
func startFeed() (*http.Server, string, error) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(serversfeed.Document(serversfeed.Good("")...))
	zw.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip") // every browser accepts it
		w.Write(gz.Bytes())
	})}
	go srv.Serve(l)
	return srv, "http://" + l.Addr().String() + "/servers.json", nil
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
func serve(bin, web string, args ...string) (*siteServer, error) {
	cmd := exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0", "-web", web}, args...)...)
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
	if s.feed != nil {
		s.feed.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// benchChapter is the page every browser figure loads: a typical chapter
// with a live-client box, so the app's widget is part of what is measured.
const benchChapter = "/guide/register"

func trimURL(u string) string { return strings.TrimSuffix(u, "/") }
