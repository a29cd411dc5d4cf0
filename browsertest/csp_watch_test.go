package browsertest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// recordViolations is injected into every document before its own scripts:
// each securitypolicyviolation event the page sees is kept in
// window.__cspViolations for the test to read.
const recordViolations = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
	window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`

// browserWatch records, for one tab, the Content Security Policy violations
// the browser reported (page events and console messages) and the URL of
// every request the page made.
type browserWatch struct {
	t  *testing.T
	mu sync.Mutex
	// events are read from the page; logs come from Chromium's console
	// ("Refused to ..."), which also covers anything blocked before the
	// listener could run.
	events, logs []string
	urls         []string
}

func watchBrowser(t *testing.T, ctx context.Context) *browserWatch {
	t.Helper()
	w := &browserWatch{t: t}
	chromedp.ListenTarget(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			if text := ev.Entry.Text; strings.Contains(text, "Content Security Policy") || strings.Contains(text, "Content-Security-Policy") {
				w.logs = append(w.logs, text)
			}
		case *network.EventRequestWillBeSent:
			w.urls = append(w.urls, ev.Request.URL)
		}
	})
	run(t, ctx, "watching the browser",
		log.Enable(),
		network.Enable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(recordViolations).Do(ctx)
			return err
		}))
	return w
}

// collect reads the current page's violation events; call it before
// leaving a page (a navigation starts a fresh list).
func (w *browserWatch) collect(ctx context.Context, where string) {
	w.t.Helper()
	var got []string
	run(w.t, ctx, "reading CSP violations on "+where,
		chromedp.Evaluate(`(window.__cspViolations || []).splice(0)`, &got))
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, v := range got {
		w.events = append(w.events, where+": "+v)
	}
}

// violations is how many violations were reported: the larger of the two
// sources, since one blocked script usually shows up in both.
func (w *browserWatch) violations() (int, []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	all := append(append([]string{}, w.events...), w.logs...)
	return max(len(w.events), len(w.logs)), all
}

// requestURLs is every URL the page asked for so far.
func (w *browserWatch) requestURLs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string{}, w.urls...)
}
