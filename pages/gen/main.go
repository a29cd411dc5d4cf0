//go:build !wasm

// Command gen prerenders the Markdown chapters into pages/chapters.gen.json,
// which the app embeds. Run it with `go generate ./pages` after editing a
// chapter; a test fails while the JSON is stale.
//
// It needs an existing (possibly stale) chapters.gen.json to compile, because
// the pages package embeds it; if the file is lost, `echo '[]' >
// pages/chapters.gen.json` and run it again.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"hellomatrix/pages"
)

func main() {
	out := flag.String("o", "", "output file (default: chapters.gen.json in the pages directory)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	chs, err := pages.Render(pages.Sources)
	if err != nil {
		return err
	}
	// Broken cross-links only warn: while chapters are being written a link
	// may point at one that does not exist yet. The tests make them fatal.
	if err := pages.CheckLinks(chs); err != nil {
		fmt.Fprintf(os.Stderr, "gen: warning: broken links:\n%v\n", err)
	}
	data, err := pages.MarshalChapters(chs)
	if err != nil {
		return err
	}
	if out == "" {
		if out, err = defaultOutput(); err != nil {
			return err
		}
	}
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, data) {
		fmt.Printf("gen: %s is up to date (%d chapters)\n", out, len(chs))
		return nil // leave the file, and its mtime, alone
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: wrote %s (%d chapters)\n", out, len(chs))
	return nil
}

// defaultOutput finds the pages directory: go generate runs us inside it, but
// `go run ./pages/gen` from the module root should work as well.
func defaultOutput() (string, error) {
	for _, dir := range []string{".", "pages"} {
		if _, err := os.Stat(filepath.Join(dir, "chapters.go")); err == nil {
			return filepath.Join(dir, "chapters.gen.json"), nil
		}
	}
	return "", fmt.Errorf("cannot find the pages directory from here; run `go generate ./pages` from the module root or pass -o")
}
