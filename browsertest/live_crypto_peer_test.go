package browsertest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// cryptoPeer is the encrypted friend (crypto_invited.mjs) running beside a
// browser test: started, and ready, before the live client writes, since a
// room key only reaches the devices that exist when the message is sent.
type cryptoPeer struct {
	cmd    *exec.Cmd
	lines  *bufio.Scanner
	stderr strings.Builder
	cancel context.CancelFunc
	first  string // the line startPeerScript waited for
}

// startCryptoPeer starts crypto_invited.mjs with env and waits until its
// device is on the server.
func startCryptoPeer(t *testing.T, env ...string) *cryptoPeer {
	t.Helper()
	return startPeerScript(t, "crypto_invited.mjs", `"ready":true`, env...)
}

// startPeerScript starts one of the encrypted matrix-js-sdk peers (script
// in matrix/testdata/interop) with env and waits for the first line of its
// output holding marker, which it keeps in first.
func startPeerScript(t *testing.T, script, marker string, env ...string) *cryptoPeer {
	t.Helper()
	node := ensureJSSDK(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	p := &cryptoPeer{cancel: cancel}
	p.cmd = exec.CommandContext(ctx, node, script)
	p.cmd.Dir = interopDir
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = &p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = p.cmd.Wait() })
	p.lines = bufio.NewScanner(stdout)
	// The Rust crypto logs on standard output too, some lines far longer
	// than a Scanner's default 64 KiB, which would end the scan early.
	p.lines.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for p.lines.Scan() {
		if strings.Contains(p.lines.Text(), marker) {
			p.first = p.lines.Text()
			return p
		}
	}
	err = errors.Join(p.lines.Err(), p.cmd.Wait()) // Wait: so that stderr is complete
	t.Fatalf("the encrypted matrix-js-sdk peer %s never said %s (%v):\n%s", script, marker, err, p.stderr.String())
	return nil
}

// result waits for the peer to finish and returns what it printed last.
func (p *cryptoPeer) result(t *testing.T) peerResult {
	t.Helper()
	var last string
	for p.lines.Scan() {
		last = p.lines.Text()
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("the encrypted matrix-js-sdk friend failed (%v):\n%s%s", err, p.stderr.String(), last)
	}
	var out peerResult
	if err := json.Unmarshal([]byte(last), &out); err != nil {
		t.Fatalf("crypto_invited.mjs printed %q: %v", last, err)
	}
	return out
}
