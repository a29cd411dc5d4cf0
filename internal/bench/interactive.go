package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// readyProbe runs before any page script and records when the app marks
// <html data-wasm="ready"> — its first render after the WASM starts — on the
// page's own clock (milliseconds since navigation start). It watches the
// whole document because it runs before <html> itself exists. Go starts on
// a reader's first intent (app/site/app_start.go), so the probe asks for
// the app as soon as app.js offers hmWantApp: these figures are the whole
// start, as a reader who acts at once would wait for it (the floor's page
// runs the same app.js).
const readyProbe = `
const hmAsk = setInterval(() => { if (window.hmWantApp) { clearInterval(hmAsk); window.hmWantApp(); } }, 1);
new MutationObserver((_, obs) => {
  if (document.documentElement && document.documentElement.dataset.wasm === "ready") {
    window.__hmReady = performance.now();
    obs.disconnect();
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-wasm"]});`

// measureInteractive times the app's first render, cold (fresh profile: the
// WASM comes over the network and is compiled) and warm (the same browser
// again after the service worker has cached everything), and the same for
// the floor app (floor.go) on the same page of the same server: the ratios
// say how much slower than an empty go-app program the guide starts, a
// figure that moves much less between machines than the milliseconds do.
// Runs alternate between the two so drift on the machine affects both.
func measureInteractive(site, floor *siteServer, runs int, out *report) error {
	var cold, warm, floorCold, floorWarm, intent, keyAt []time.Duration
	kept := 0
	steps, floorSteps, intentAt := map[string][]time.Duration{}, map[string][]time.Duration{}, map[string][]time.Duration{}
	compiled, floorCompiled := map[string]int{}, map[string]int{}
	for i := 0; i < runs; i++ {
		c, w, marks, how, err := interactiveOnce(site.URL + benchChapter)
		if err != nil {
			return fmt.Errorf("interactive: %w", err)
		}
		cold, warm = append(cold, c), append(warm, w)
		compiled[how]++
		for name, at := range marks {
			steps[name] = append(steps[name], at)
		}
		a, k, typed, at, err := intentOnce(site.URL + intentPage)
		if err != nil {
			return fmt.Errorf("interactive after intent: %w", err)
		}
		intent, keyAt = append(intent, a), append(keyAt, k)
		for name, d := range at {
			intentAt[name] = append(intentAt[name], d)
		}
		if typed {
			kept++
		}
		c, w, marks, how, err = interactiveOnce(floor.URL + benchChapter)
		if err != nil {
			return fmt.Errorf("interactive, floor app: %w", err)
		}
		floorCold, floorWarm = append(floorCold, c), append(floorWarm, w)
		floorCompiled[how]++
		for name, at := range marks {
			floorSteps[name] = append(floorSteps[name], at)
		}
	}
	out.Int("interactive_ms_cold", medianMS(cold))
	out.Int("interactive_ms_warm", medianMS(warm))
	out.Int("interactive_ms_cold_floor", medianMS(floorCold))
	out.Int("interactive_ms_warm_floor", medianMS(floorWarm))
	ratio := func(a, b []time.Duration) float64 { return float64(median(a)) / float64(max(median(b), 1)) }
	out.Ratio("interactive_ratio_cold_vs_floor", ratio(cold, floorCold))
	out.Ratio("interactive_ratio_warm_vs_floor", ratio(warm, floorWarm))
	out.Int("interactive_after_intent_ms_warm", medianMS(intent))
	out.Ratio("interactive_ratio_after_intent_vs_floor_warm", ratio(intent, floorWarm))
	out.Detail("interactive_runs: %d (cold: fresh profile; warm: reload served by the service worker; floor: a one-component go-app program, internal/bench/floorapp)", runs)
	if st, err := os.Stat(filepath.Join(floor.web, "app.wasm.br")); err == nil {
		out.Detail("interactive_floor_wasm_bytes_brotli: %d", st.Size())
	}
	out.Detail("interactive_cold_compiled: %v (floor: %v)", compiled, floorCompiled)
	out.Detail("interactive_ms_cold_all: %v", msList(cold))
	out.Detail("interactive_ms_warm_all: %v", msList(warm))
	out.Detail("interactive_ms_cold_floor_all: %v", msList(floorCold))
	out.Detail("interactive_ms_warm_floor_all: %v", msList(floorWarm))
	out.Detail("interactive_after_intent_ms_warm_all: %v (page %s, key pressed into %s once the warm load had compiled the WASM, at %v ms since navigation; the letter was in the field afterwards in %d of %d)",
		msList(intent), intentPage, intentInput, msList(keyAt), kept, len(intent))
	// Where the start after the intent goes: each step's median time after
	// the keydown (intent.go), then the end.
	var after []string
	for _, name := range intentSteps {
		if len(intentAt[name]) > 0 {
			after = append(after, fmt.Sprintf("%s %d", strings.TrimPrefix(name, "hm-"), medianMS(intentAt[name])))
		}
	}
	out.Detail("interactive_after_intent_steps_ms: %s, box takes input %d (medians since the keydown)", strings.Join(after, ", "), medianMS(intent))
	// Where a cold start's time goes: the page's performance marks
	// (app/app_script.go), medians since navigation start; the floor's page
	// runs the same app.js, so it has them too.
	for _, name := range startMarks {
		step := strings.ReplaceAll(strings.TrimPrefix(name, "hm-"), "-", "_")
		if len(steps[name]) > 0 {
			out.Detail("interactive_cold_%s_ms: %d", step, medianMS(steps[name]))
		}
		if len(floorSteps[name]) > 0 {
			out.Detail("interactive_cold_floor_%s_ms: %d", step, medianMS(floorSteps[name]))
		}
	}
	return nil
}

// startMarks are the steps app.js marks on the way to the first render.
var startMarks = []string{"hm-wasm-compiled", "hm-wasm-warmed-up", "hm-go-start"}

const readMarks = `Object.fromEntries(performance.getEntriesByType("mark").filter(m => m.name.startsWith("hm-")).map(m => [m.name, m.startTime]))`

// interactiveOnce also says how the first load compiled the WASM (<html
// data-wasm-compile>, set by app.js), to show the floor takes the app's path.
func interactiveOnce(url string) (cold, warm time.Duration, marks map[string]time.Duration, compiled string, err error) {
	bctx, done, err := newBrowser(context.Background())
	if err != nil {
		return 0, 0, nil, "", err
	}
	defer done()
	ctx, cancel := withTimeout(bctx)
	defer cancel()
	var c, w float64
	var m map[string]float64
	err = chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(readyProbe).Do(ctx)
			return err
		}),
		chromedp.Navigate(url),
		chromedp.Poll(`window.__hmReady || 0`, &c, chromedp.WithPollingInterval(10*time.Millisecond)),
		chromedp.Evaluate(readMarks, &m),
		chromedp.Evaluate(`document.documentElement.dataset.wasmCompile || ""`, &compiled),
		// Warm means the service worker serves the page and the WASM: wait
		// until it controls a load and has cached the app.
		waitForCachedApp(),
		chromedp.Reload(),
		chromedp.Poll(`window.__hmReady || 0`, &w, chromedp.WithPollingInterval(10*time.Millisecond)),
	)
	ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
	marks = map[string]time.Duration{}
	for name, at := range m {
		marks[name] = ms(at)
	}
	return ms(c), ms(w), marks, compiled, err
}

// appCached is true once a service worker is active and its cache holds the
// WASM, i.e. the next load is served without the network. (go-app's worker
// does not claim the page that installed it, so "controller" stays empty
// until that next load.)
const appCached = `(async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  if (!reg || !reg.active) return false;
  for (const k of await caches.keys()) {
    const c = await caches.open(k);
    if ((await c.keys()).some(r => r.url.endsWith("/web/app.wasm"))) return true;
  }
  return false;
})()`

func waitForCachedApp() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var ok bool
			err := chromedp.Evaluate(appCached, &ok, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
				return p.WithAwaitPromise(true)
			}).Do(ctx)
			if err != nil || ok {
				return err
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}
