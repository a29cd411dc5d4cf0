package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"hellomatrix/internal/nodepkg"
	"hellomatrix/internal/sandbox"
)

// practice is a practice homeserver (real Dendrite, with #welcome and the
// greeter) started for one test, and the guide served with it, as
// `make run` does.
type practice struct {
	SB   *sandbox.Sandbox
	Info sandbox.Info
	Site *server
}

// startPractice starts a fresh sandbox in a temporary folder and the guide's
// server offering it at /sandbox.json.
func startPractice(t *testing.T) *practice {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	start := time.Now()
	sb, err := sandbox.Start(ctx, sandbox.Options{Dir: dir, Addr: freeLoopbackAddr(t), Fast: true})
	if err != nil {
		t.Fatalf("starting the practice homeserver: %v", err)
	}
	t.Cleanup(func() { sb.Stop() })
	t.Logf("practice homeserver %s (%s) up in %s", sb.HS.ServerName, sb.HS.URL, time.Since(start).Round(time.Millisecond))
	infoFile := filepath.Join(dir, "sandbox.json")
	if err := sb.WriteInfo(infoFile); err != nil {
		t.Fatal(err)
	}
	return &practice{SB: sb, Info: sb.Info(), Site: startServer(t, "-sandbox-info", infoFile)}
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// newUser creates an account through the shared-secret admin API and
// returns its user ID.
func (p *practice) newUser(t *testing.T, name, password string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	uid, _, _, err := p.SB.HS.RegisterUser(ctx, name, password, false)
	if err != nil {
		t.Fatalf("creating %s: %v", name, err)
	}
	return uid
}

// uniqueName is a username no earlier run has taken.
func uniqueName(prefix string) string {
	return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1_000_000_000)
}

// reader drives the guide like a person and counts what they had to do:
// every click and every field filled in is one interaction.
type reader struct {
	t            *testing.T
	ctx          context.Context
	interactions atomic.Int32
	shots        string // folder for screenshots
	prefix       string // screenshot name prefix, e.g. "desktop"
	step         int
}

func newReader(t *testing.T, width, height int, prefix string) *reader {
	ctx := newBrowser(t, width, height)
	run(t, ctx, "sizing the window", chromedp.EmulateViewport(int64(width), int64(height)))
	// The app's own complaints (a Go panic in the WASM shows up here) go
	// to the test log, so a failure says more than "element not found".
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			t.Logf("browser exception: %s", ev.ExceptionDetails.Error())
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.APITypeError || ev.Type == cdpruntime.APITypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				t.Logf("browser console %s: %s", ev.Type, strings.Join(parts, " "))
			}
		}
	})
	shots := screenshotDir(t)
	t.Logf("screenshots of each step go to %s (set SCREENSHOT_DIR to keep them)", shots)
	return &reader{t: t, ctx: ctx, shots: shots, prefix: prefix}
}

// click clicks the element matching sel once it is there and enabled.
func (r *reader) click(what, sel string) {
	r.t.Helper()
	r.interactions.Add(1)
	run(r.t, r.ctx, what,
		waitFor(`(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && !e.disabled; })()`),
		clickSteady(sel),
	)
}

// fill types text into the empty field sel, key by key.
func (r *reader) fill(what, sel, text string) {
	r.t.Helper()
	r.interactions.Add(1)
	run(r.t, r.ctx, what,
		waitFor(`(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && !e.disabled; })()`),
		chromedp.Evaluate(`(() => { const e = document.querySelector(`+jsString(sel)+`); if (e.value !== "") { e.value = ""; e.dispatchEvent(new Event("input", { bubbles: true })); } })()`, nil),
		chromedp.SendKeys(sel, text, chromedp.ByQuery),
		// Leaving the field, as a person moving on does (fires "change").
		chromedp.Evaluate(`document.querySelector(`+jsString(sel)+`).blur()`, nil),
	)
}

// wait waits for a JavaScript condition (no interaction).
func (r *reader) wait(what, expr string) {
	r.t.Helper()
	err := chromedp.Run(r.ctx, chromedp.Poll(expr, nil,
		chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		var box string
		chromedp.Run(r.ctx, chromedp.Evaluate(`[...document.querySelectorAll("section.live-client")].map(b => b.innerText).join("\n---\n")`, &box))
		r.t.Fatalf("%s: %v\nThe live client shows:\n%s", what, err, box)
	}
}

// text waits for sel's text to contain want, and fails with what it says.
func (r *reader) text(what, sel, want string) {
	r.t.Helper()
	expr := `(() => { const e = document.querySelector(` + jsString(sel) + `); return !!e && e.textContent.includes(` + jsString(want) + `); })()`
	ctx, cancel := context.WithTimeout(r.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Poll(expr, nil, chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		var got, box string
		chromedp.Run(r.ctx,
			chromedp.Evaluate(`(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.textContent : "(no such element)"; })()`, &got),
			chromedp.Evaluate(`[...document.querySelectorAll("section.live-client")].map(b => b.innerText).join("\n---\n")`, &box))
		r.t.Fatalf("%s: %s should say %q; it says %q\nThe live client shows:\n%s", what, sel, want, strings.TrimSpace(got), box)
	}
}

// screenshot saves what the reader sees, with sel scrolled into view.
func (r *reader) screenshot(name, sel string) {
	r.t.Helper()
	r.step++
	var png []byte
	actions := []chromedp.Action{}
	if sel != "" {
		actions = append(actions, chromedp.Evaluate(`document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center", behavior: "instant"})`, nil),
			chromedp.Sleep(150*time.Millisecond))
	}
	actions = append(actions, chromedp.CaptureScreenshot(&png))
	run(r.t, r.ctx, "screenshot "+name, actions...)
	file := filepath.Join(r.shots, fmt.Sprintf("live-%s-%02d-%s.png", r.prefix, r.step, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		r.t.Fatal(err)
	}
	var overflow []string
	run(r.t, r.ctx, "checking the width", chromedp.Evaluate(tooWide, &overflow))
	if len(overflow) != 0 {
		r.t.Errorf("%s: the page is wider than the screen; these stick out: %v", name, overflow)
	}
}

// peerResult is what peer.mjs printed.
type peerResult struct {
	UserID       string `json:"user_id"`
	RoomID       string `json:"room_id"`
	SeenEventID  string `json:"seen_event_id"`
	ReplyEventID string `json:"reply_event_id"`
}

// interopDir holds the pinned matrix-js-sdk the core's interop test
// installs; the browser tests reuse it instead of a second copy.
var interopDir = filepath.Join("..", "matrix", "testdata", "interop")

// runPeer runs matrix/testdata/interop/peer.mjs with env (HM_* variables),
// an independent Matrix client that checks the browser's work.
func runPeer(t *testing.T, env ...string) peerResult {
	t.Helper()
	start := time.Now()
	var out peerResult
	runInterop(t, "peer.mjs", &out, env...)
	t.Logf("matrix-js-sdk peer took %s", time.Since(start).Round(time.Millisecond))
	return out
}

// runInterop runs one of matrix/testdata/interop's scripts with env to its
// end and decodes the JSON line it prints last into out.
func runInterop(t *testing.T, script string, out any, env ...string) {
	t.Helper()
	node := ensureJSSDK(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = interopDir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("matrix-js-sdk %s failed (%v):\n%s%s", script, err, stderr.String(), stdout.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), out); err != nil {
		t.Fatalf("%s printed %q: %v", script, stdout.String(), err)
	}
}

// ensureJSSDK finds Node.js and installs the pinned matrix-js-sdk (shared
// with matrix/interop_test.go) when it is missing or stale. It fails,
// never skips, without Node.js and npm.
func ensureJSSDK(t *testing.T) string {
	t.Helper()
	return nodepkg.EnsureForTest(t, interopDir, "matrix-js-sdk")
}
