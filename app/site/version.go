package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// releaseVersion can be fixed at build time, or per run with -version:
//
//	go build -ldflags "-X hellomatrix/app/site.releaseVersion=2024.05.1" ./app
var releaseVersion string

// siteVersion keys the service worker's cache: when it changes, browsers that
// have the guide installed fetch everything again and show "A new version is
// available". Without a release version it is a digest of what readers get
// (the app, its styles and icons, and the chapters and words of every
// language), so it changes exactly
// when they do, and stays put across server restarts, unlike go-app's
// default of a new version every start.
func siteVersion(webDir string) string {
	if releaseVersion != "" {
		return releaseVersion
	}
	h := sha256.New()
	for _, name := range []string{"app.wasm", "wasm_exec.js", compileWorkerFile, "app.css", "icon.svg", "icon-192.png", "icon-512.png", "icon-maskable.png"} {
		b, err := os.ReadFile(filepath.Join(webDir, name))
		if err != nil {
			b = []byte("missing " + name)
		}
		h.Write(b)
	}
	// Every language's chapters and words: a page in German is built
	// from them on the server, and app.wasm carries English's words only.
	for _, l := range pages.Languages {
		chapters, _ := json.Marshal(pages.ChaptersIn(l.Code))
		h.Write(chapters)
		catalog, _ := catalogFile(l.Code)
		h.Write(catalog)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// catalogFile is words.File; a test changes it.
var catalogFile = words.File
