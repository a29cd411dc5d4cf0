// Command gen prerenders the Markdown chapters into pages/chapters.gen.go and
// turns pages/directory.json into pages/directory.gen.go, which the app is
// built from. Run it with `go generate ./pages` after editing a chapter or
// the server list; a test in pages/render fails while the files are stale.
// It runs at build time only, on the developer's machine: it is the one
// importer of pages/render, so goldmark never reaches the WASM.
//
// It needs existing (possibly stale) .gen.go files to compile, because the
// pages package uses them; if one is lost, write `package pages` and
// `var generatedChapters []Chapter` (or `var generatedServers []Server`,
// or `var generatedTranslations = map[string][]Chapter{}` with the build
// line `//go:build !wasm`) into it and run the generator again.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"hellomatrix/pages"
	"hellomatrix/pages/render"
)

func main() {
	dir := flag.String("dir", "", "the pages directory (default: found from here)")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if dir == "" {
		var err error
		if dir, err = pagesDir(); err != nil {
			return err
		}
	}
	src := os.DirFS(dir)
	chs, err := render.Render(src)
	if err != nil {
		return err
	}
	// Broken cross-links only warn: while chapters are being written a link
	// may point at one that does not exist yet. The tests make them fatal.
	if err := render.CheckLinks(chs); err != nil {
		fmt.Fprintf(os.Stderr, "gen: warning: broken links:\n%v\n", err)
	}
	for _, l := range pages.Languages[1:] {
		if tr, err := render.RenderLanguage(src, l.Code); err == nil {
			if err := render.CheckLinksIn(tr, l.Code); err != nil {
				fmt.Fprintf(os.Stderr, "gen: warning: broken links in %s:\n%v\n", l.Code, err)
			}
		}
	}
	files, err := render.Generated(src, chs)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out := filepath.Join(dir, name)
		if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, files[name]) {
			fmt.Printf("gen: %s is up to date\n", out)
			continue // leave the file, and its mtime, alone
		}
		if err := os.WriteFile(out, files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("gen: wrote %s\n", out)
	}
	return nil
}

// pagesDir finds the pages directory: go generate runs us inside it, but
// `go run ./pages/gen` from the module root should work as well.
func pagesDir() (string, error) {
	for _, dir := range []string{".", "pages"} {
		if _, err := os.Stat(filepath.Join(dir, "chapters.go")); err == nil {
			return dir, nil
		}
	}
	return "", fmt.Errorf("cannot find the pages directory from here; run `go generate ./pages` from the module root or pass -dir")
}
