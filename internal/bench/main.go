// Command bench measures what the Speed issue promises and prints one
// "key: value" line per figure (see BENCHMARKS.md for what each means):
//
//	go run ./internal/bench [-runs 7] [-fcp-runs 25] [-sends 25] [-lighthouse-runs 5] [-lighthouse-pages landing,...] [-only size,packages,fcp,interactive,...]
//
// It builds nothing itself except the server binary: `make bench` builds the
// WASM first. Everything it starts listens on loopback only.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"hellomatrix/internal/wasmbuild"
)

func main() {
	runs := flag.Int("runs", 7, "page loads per browser figure (the median is printed)")
	// A first paint takes 120-250 ms here and each load varies by tens of
	// milliseconds, so the FCP ratio needs more loads than the other figures
	// to settle.
	fcpRuns := flag.Int("fcp-runs", 25, "cold loads each for the FCP figures")
	sends := flag.Int("sends", 25, "messages per client for the send figures")
	lhRuns := flag.Int("lighthouse-runs", lighthouseRuns, "Lighthouse runs per page (the median is printed)")
	lhPages := flag.String("lighthouse-pages", "", "comma-separated subset of the Lighthouse pages: landing,chapter,servers,chapter_de,chapter_ja")
	only := flag.String("only", "", "comma-separated subset: size,packages,fcp,interactive,send,lighthouse")
	flag.Parse()

	want := func(name string) bool {
		return *only == "" || strings.Contains(","+*only+",", ","+name+",")
	}
	root, err := wasmbuild.RepoRoot()
	if err != nil {
		fail(err)
	}
	out := &report{}
	if want("size") {
		check(measureWasmSize(root, out))
		check(measureCryptoSize(root, out))
		check(measureCatalogSize(root, out))
	}
	if want("size") || want("packages") {
		check(measureWasmPackages(root, out))
	}
	var site *siteServer
	if want("fcp") || want("interactive") || want("lighthouse") {
		if site, err = startSite(root); err != nil {
			fail(err)
		}
		defer site.Stop()
	}
	if want("fcp") {
		check(measureFCP(root, site, *fcpRuns, out))
	}
	if want("interactive") {
		if floor, err := startFloorSite(root, site); err != nil {
			check(fmt.Errorf("floor app: %w", err))
		} else {
			check(measureInteractive(site, floor, *runs, out))
			floor.Stop()
		}
	}
	if want("send") {
		check(measureSend(root, *sends, out))
	}
	if want("lighthouse") {
		check(measureLighthouse(root, site, *lhRuns, *lhPages, out))
	}
	out.Print(os.Stdout)
	if out.failed {
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		failures++
	}
}

var failures int

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
