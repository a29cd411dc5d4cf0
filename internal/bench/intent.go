package main

import (
	"context"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// intentPage and intentInput are the landing page's live box ("Try Matrix
// now") and the first field a reader types into.
const (
	intentPage  = "/"
	intentInput = "#register-username"
)

// intentProbe runs before any page script. It records the first keydown
// anywhere in the page (window.__hmKey) and then the first moment the box
// takes input with the app running (window.__hmTakesInput): the app has
// mounted — it sets <html data-wasm="ready"> in its first OnMount, the
// signal interactive.go waits for too — and the field in the document is
// enabled, and not the prerendered one (marked hmPrerendered before the
// key: app.js enables it for typing before Go runs, and go-app replaces it).
// Both on the page's own clock.
const intentProbe = `
(() => {
  const takesInput = () => {
    const html = document.documentElement, el = document.querySelector("` + intentInput + `");
    return html && html.dataset.wasm === "ready" && el && el.isConnected && !el.disabled && !el.hmPrerendered;
  };
  const check = () => {
    if (window.__hmKey !== undefined && window.__hmTakesInput === undefined && takesInput()) {
      window.__hmTakesInput = performance.now();
    }
  };
  document.addEventListener("keydown", () => {
    if (window.__hmKey === undefined) window.__hmKey = performance.now();
    check();
  }, true);
  new MutationObserver(check).observe(document, {attributes: true, childList: true, subtree: true});
})();`

// intentOnce loads the landing page twice in a fresh browser, the second
// time served by the service worker (warm), and as soon as that load has
// compiled the WASM (and nothing has started Go) focuses the box's first
// field and presses a key, as a reader who starts typing at once would. It returns the time from that keydown
// until the box takes input with the app running, when the key was
// pressed (since navigation start), whether the typed letter is in the
// field afterwards, and when each of intentSteps came after the keydown.
func intentOnce(url string) (after, keyAt time.Duration, kept bool, steps map[string]time.Duration, err error) {
	bctx, done, err := newBrowser(context.Background())
	if err != nil {
		return 0, 0, false, nil, err
	}
	defer done()
	ctx, cancel := withTimeout(bctx)
	defer cancel()
	var key, ready float64
	var marks map[string]float64
	err = chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(intentProbe).Do(ctx)
			return err
		}),
		chromedp.Navigate(url),
		waitForCachedApp(),
		chromedp.Navigate(url), // warm: returns at the load event
		// A reader's first key comes after a moment of reading, not at the
		// load event: by then app.js has compiled the WASM off the page's
		// thread (<html data-wasm-compile>) and waits for an intent to start
		// Go. Pressing earlier would time the compile, which no reader can
		// reach before it ends.
		chromedp.Poll(`document.documentElement.dataset.wasmCompile && !document.documentElement.dataset.appWanted`, nil, chromedp.WithPollingInterval(10*time.Millisecond)),
		// The prerendered field is marked so the end is go-app's own field
		// (app.js enables the prerendered one for typing before Go runs).
		chromedp.Evaluate(`document.querySelector("`+intentInput+`").hmPrerendered = true`, nil),
		chromedp.Evaluate(`document.querySelector("`+intentInput+`").focus()`, nil),
		chromedp.ActionFunc(func(ctx context.Context) error {
			for _, ev := range []*input.DispatchKeyEventParams{
				input.DispatchKeyEvent(input.KeyDown).WithKey("a").WithCode("KeyA").WithText("a").WithWindowsVirtualKeyCode(65),
				input.DispatchKeyEvent(input.KeyUp).WithKey("a").WithCode("KeyA").WithWindowsVirtualKeyCode(65),
			} {
				if err := ev.Do(ctx); err != nil {
					return err
				}
			}
			return nil
		}),
		chromedp.Poll(`window.__hmTakesInput || 0`, &ready, chromedp.WithPollingInterval(10*time.Millisecond)),
		chromedp.Evaluate(`window.__hmKey`, &key),
		chromedp.Evaluate(`document.querySelector("`+intentInput+`").value.includes("a")`, &kept),
		chromedp.Evaluate(readMarks, &marks),
	)
	ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
	steps = map[string]time.Duration{}
	for _, name := range intentSteps {
		if at, ok := marks[name]; ok {
			steps[name] = ms(at - key)
		}
	}
	return ms(ready - key), ms(key), kept, steps, err
}

// intentSteps are the marks on the way from the keydown to a box that takes
// input (app/start_marks_wasm.go): Go started (app.js), the runtime and
// package initialisation done (main's entry), what the first render needs
// loaded (go-app's mount begins). The rest, to the end, is the mount.
var intentSteps = []string{"hm-go-start", "hm-go-main", "hm-go-mount"}
