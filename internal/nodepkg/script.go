package nodepkg

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Script is a Node.js script a test runs beside it that reports in JSON
// lines on stdout, one per step; other lines (a library's own logs, such
// as matrix-js-sdk's Rust crypto) are skipped.
type Script struct {
	name   string
	cmd    *exec.Cmd
	lines  *bufio.Scanner
	stderr strings.Builder
}

// StartForTest starts `node script` in dir with env added to the test's
// environment (passwords go there, never on the command line). It is
// stopped when the test ends, within limit at the latest, and what it said
// on stderr is logged if the test failed.
func StartForTest(tb testing.TB, node, dir, script string, limit time.Duration, env ...string) *Script {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	s := &Script{name: script, cmd: exec.CommandContext(ctx, node, script)}
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), env...)
	s.cmd.Stderr = &s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		cancel()
		tb.Fatal(err)
	}
	s.lines = bufio.NewScanner(stdout)
	tb.Cleanup(func() {
		cancel()
		_ = s.cmd.Wait()
		if tb.Failed() {
			tb.Logf("%s said on stderr:\n%s", script, s.stderr.String())
		}
	})
	return s
}

// Next decodes the script's next JSON line into v; the test fails if the
// script ends first or prints something else.
func (s *Script) Next(tb testing.TB, v any) {
	tb.Helper()
	for {
		if !s.lines.Scan() {
			tb.Fatalf("%s ended before its next report", s.name) // stderr: see StartForTest
		}
		if strings.HasPrefix(s.lines.Text(), "{") {
			break
		}
	}
	line := s.lines.Text()
	if err := json.Unmarshal([]byte(line), v); err != nil {
		tb.Fatalf("%s printed %q: %v", s.name, line, err)
	}
}
