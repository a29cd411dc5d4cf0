package browsertest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"hellomatrix/internal/wasmbuild"
)

const chromiumPath = "/usr/bin/chromium"

var (
	repoRoot  string
	serverBin string
)

// TestMain builds app.wasm (when stale) and the server binary once for all
// tests in the package, and stops the shared Synapse once they are done.
func TestMain(m *testing.M) {
	os.Exit(func() int {
		var err error
		if repoRoot, err = wasmbuild.RepoRoot(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if err := wasmbuild.Ensure(repoRoot); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		dir, err := os.MkdirTemp("", "hellomatrix-browsertest-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		serverBin = filepath.Join(dir, "hellomatrix")
		build := exec.Command("go", "build", "-o", serverBin, "./app")
		build.Dir = repoRoot
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building the server: %v\n%s", err, out)
			return 1
		}
		defer stopSharedSynapse()
		defer printInteractionTable()
		return m.Run()
	}())
}

// server is a running `app serve` on a random loopback port.
type server struct {
	URL string
	cmd *exec.Cmd
}

func startServer(t *testing.T, flags ...string) *server {
	t.Helper()
	return startServerAt(t, "127.0.0.1:0", flags...)
}

// startServerAt starts `app serve` on addr with extra flags.
func startServerAt(t *testing.T, addr string, flags ...string) *server {
	t.Helper()
	args := append([]string{"serve", "-addr", addr, "-web", filepath.Join(repoRoot, "web")}, flags...)
	if !slices.Contains(flags, "-servers-feed") {
		// Tests stay on loopback: the directory keeps to its snapshot
		// unless a test serves it a feed (directory_feed_test.go).
		args = append(args, "-servers-feed", "off")
	}
	cmd := exec.Command(serverBin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd}
	t.Cleanup(s.Stop)

	urls := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if _, url, ok := strings.Cut(scanner.Text(), " at "); ok && strings.HasPrefix(url, "http://127.0.0.1:") {
				urls <- strings.TrimSuffix(url, "/")
			}
		}
	}()
	select {
	case s.URL = <-urls:
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not print its URL within 30s")
	}
	return s
}

// Stop ends the server process, which takes the site offline for the
// browser: only the service worker's cache is left.
func (s *server) Stop() {
	if s.cmd.Process == nil || s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// context for one tab in it.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("Chromium is needed at %s for the browser tests: run apt-get install -y chromium", chromiumPath)
	}
	// Not t.TempDir: Chromium's helper processes can still be writing to the
	// profile for a moment after the browser exits, which makes TempDir's
	// cleanup fail the test.
	profile, err := os.MkdirTemp("", "hellomatrix-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		for i := 0; i < 20 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	// No smooth scrolling (the stylesheet's scroll-behavior applies only
	// without prefers-reduced-motion): chromedp measures where to click and
	// then clicks, and an element still gliding into place gets missed.
	if err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{
		{Name: "prefers-reduced-motion", Value: "reduce"},
	})); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return keepConsole(ctx)
}

// run runs browser actions and fails the test with what was being done.
func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v%s", what, err, pageState(ctx))
	}
}

// waitForApp starts the WebAssembly app, as a reader's first intent would
// (it waits for one: app/site/app_start.go), and waits until it has mounted
// over the prerendered page (the shell marks <html data-wasm="ready">).
func waitForApp() chromedp.Action {
	return chromedp.Poll(`(window.hmWantApp && window.hmWantApp(), document.documentElement.dataset.wasm === "ready")`, nil,
		chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(60*time.Second))
}

// waitFor polls a JavaScript condition.
func waitFor(expr string) chromedp.Action {
	return chromedp.Poll(expr, nil,
		chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(30*time.Second))
}

// clickSteady clicks the element matching sel once it sits still: it is
// scrolled to the middle of the window, and the click waits until its box
// is the same over two animation frames. chromedp measures where to click
// and then clicks, so an element that moves in between (a late layout
// change, a scroll still settling) would be missed.
func clickSteady(sel string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Poll(`(async () => {
			const e = document.querySelector(`+jsString(sel)+`);
			if (!e) return false;
			e.scrollIntoView({ block: "center", behavior: "instant" });
			const frame = () => new Promise(r => requestAnimationFrame(() => r()));
			const a = e.getBoundingClientRect();
			await frame(); await frame();
			const b = e.getBoundingClientRect();
			return a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height;
		})()`, nil, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(sel, chromedp.ByQuery),
	}
}

// awaitPromise lets Evaluate wait for an async expression's result.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// screenshotDir is $SCREENSHOT_DIR when set (to keep the pictures), else a
// test temp dir.
func screenshotDir(t *testing.T) string {
	if dir := os.Getenv("SCREENSHOT_DIR"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// eventually evaluates a JavaScript condition until it holds, carrying on
// through errors: unlike Poll it survives the page reloading under it.
func eventually(t *testing.T, ctx context.Context, what, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		err := chromedp.Run(ctx, chromedp.Evaluate(expr, &ok))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("%s: %s did not hold within %v (last error: %v)", what, expr, timeout, last)
}
