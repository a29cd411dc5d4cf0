package browsertest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A step that times out says only "waiting for function failed: timeout".
// So every browser keeps the page's last console warnings and errors, and a
// failed step adds them and where the page stood (address, heading, how the
// WASM was compiled, whether Go started) to its message: enough to tell a
// slow machine from a broken start without running the test again.

type consoleKey struct{}

type consoleLog struct {
	mu    sync.Mutex
	lines []string
}

// keepConsole starts recording the tab's console warnings and errors; the
// tab must exist (after the first chromedp.Run).
func keepConsole(ctx context.Context) context.Context {
	log := &consoleLog{}
	chromedp.ListenTarget(ctx, func(ev any) {
		var line string
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.APITypeWarning && e.Type != runtime.APITypeError {
				return
			}
			var parts []string
			for _, a := range e.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			line = string(e.Type) + ": " + strings.Join(parts, " ")
		case *runtime.EventExceptionThrown:
			line = "exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				line += " " + e.ExceptionDetails.Exception.Description
			}
		default:
			return
		}
		log.mu.Lock()
		defer log.mu.Unlock()
		if len(log.lines) == 10 {
			log.lines = log.lines[1:]
		}
		log.lines = append(log.lines, line)
	})
	return context.WithValue(ctx, consoleKey{}, log)
}

// pageState describes the page for a failed step's message; it gives up
// after a few seconds (the tab may be the thing that is stuck).
func pageState(ctx context.Context) string {
	var b strings.Builder
	state, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var s string
	err := chromedp.Run(state, chromedp.Evaluate(`JSON.stringify({
		href: location.href,
		h1: document.querySelector("h1") ? document.querySelector("h1").textContent.trim() : null,
		wasm: document.documentElement.dataset.wasm || null,
		wasmCompile: document.documentElement.dataset.wasmCompile || null,
		goStarted: !!window.hmGoStarted,
	})`, &s))
	if err != nil {
		s = "(could not read the page: " + err.Error() + ")"
	}
	fmt.Fprintf(&b, "\n\tpage: %s", s)
	if log, ok := ctx.Value(consoleKey{}).(*consoleLog); ok {
		log.mu.Lock()
		for _, l := range log.lines {
			fmt.Fprintf(&b, "\n\tconsole (first tab) %s", l)
		}
		log.mu.Unlock()
	}
	return b.String()
}
