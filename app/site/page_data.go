package site

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"hellomatrix/app/basepath"
	"hellomatrix/pages"
)

// pageData is the files the app reads the chapters from (Config.PageData),
// made once per site, under the base path it has: the WASM has no chapter
// compiled in, so it fetches the index, a chapter's body and the search
// text from here, and the service worker keeps them all for offline use.
type pageData struct {
	dir    string            // URL path of their folder, without the base path
	files  map[string][]byte // name to content
	inline string            // the file every page carries too (page_index.go)
	words  string            // the one a page in another language carries too
}

func newPageData(cfg Config) pageData {
	d := pageData{dir: cfg.PageDataDir, inline: cfg.PageIndex, words: cfg.PageWords}
	if cfg.PageData == nil {
		return d
	}
	files, err := cfg.PageData()
	if err != nil {
		// Marshalling the chapters, which the build already checked.
		panic(fmt.Sprintf("writing the page data files: %v", err))
	}
	d.files = files
	return d
}

// names lists the files in a stable order.
func (d pageData) names() []string {
	names := make([]string, 0, len(d.files))
	for name := range d.files {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// urlsIn are the URL paths of the files of the language with that code,
// base path included, for the service worker.
func (d pageData) urlsIn(lang string) []string {
	var urls []string
	for _, name := range d.names() {
		if pages.DataFileLanguage(name) == lang {
			urls = append(urls, basepath.Join(d.dir+name))
		}
	}
	return urls
}

// serve answers a request for path (without the base path) when it is one
// of the files.
func (d pageData) serve(w http.ResponseWriter, r *http.Request, path string) bool {
	if d.dir == "" || !strings.HasPrefix(path, d.dir) {
		return false
	}
	body, ok := d.files[strings.TrimPrefix(path, d.dir)]
	if !ok {
		http.NotFound(w, r)
		return true
	}
	w.Header().Set("Content-Type", contentTypes[".json"])
	// Not versioned by URL: like web/, browsers revalidate, and the service
	// worker's copy rolls over with the site version.
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
	return true
}

// write puts the files in the static export.
func (d pageData) write(outDir string) error {
	if len(d.files) == 0 {
		return nil
	}
	dir := filepath.Join(outDir, filepath.FromSlash(strings.Trim(d.dir, "/")))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, body := range d.files {
		// Another language's files are in a folder of their own (de/).
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, body, 0o644); err != nil {
			return err
		}
	}
	return nil
}
