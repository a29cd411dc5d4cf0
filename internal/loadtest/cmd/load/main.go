// Command load starts the guide's server (`go run ./app serve`) on a free
// loopback port and sends it a bounded load at every route, printing
// load_requests, load_errors and load_p99_ms (see internal/loadtest). It
// exits non-zero when any request failed. Run it from the repository root
// after `make wasm`, or give -target to load a server that is already
// running on loopback.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"hellomatrix/internal/loadtest"
)

func main() {
	requests := flag.Int("requests", 2000, "total requests")
	concurrency := flag.Int("concurrency", 16, "requests in flight at once")
	timeCap := flag.Duration("time-cap", 2*time.Minute, "stop sending after this long")
	webDir := flag.String("web", "web", "web folder for the server (needs app.wasm and app.wasm.br: make wasm)")
	target := flag.String("target", "", "load this loopback base URL instead of starting the server")
	flag.Parse()
	if err := run(*requests, *concurrency, *timeCap, *webDir, *target); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(requests, concurrency int, timeCap time.Duration, webDir, target string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if target == "" {
		for _, f := range []string{"app.wasm", "app.wasm.br"} {
			if _, err := os.Stat(filepath.Join(webDir, f)); err != nil {
				return fmt.Errorf("%s is missing: run make wasm first", filepath.Join(webDir, f))
			}
		}
		repo, err := os.Getwd()
		if err != nil {
			return err
		}
		site, err := loadtest.StartSite(ctx, repo, webDir, 5*time.Minute)
		if err != nil {
			return err
		}
		defer site.Stop()
		target = site.URL
	}
	res, err := loadtest.Run(ctx, loadtest.Config{
		Base:        target,
		Routes:      loadtest.SiteRoutes(),
		Requests:    requests,
		Concurrency: concurrency,
		TimeCap:     timeCap,
	})
	if err != nil {
		return err
	}
	res.Print(os.Stdout)
	if n := res.Errors(); n > 0 {
		return fmt.Errorf("%d of %d requests failed", n, res.Requests())
	}
	if res.CutShort {
		return fmt.Errorf("the time cap (%s) ended the run after %d of %d requests", timeCap, res.Requests(), requests)
	}
	return nil
}
