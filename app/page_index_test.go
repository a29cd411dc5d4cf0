//go:build !wasm

package main

import (
	"regexp"
	"strings"
	"testing"

	"hellomatrix/app/reading"
	"hellomatrix/app/site"
	"hellomatrix/app/ui"
)

// pageIndexBlock is the data block site.PageIndexID names, at the end of a
// page's body.
var pageIndexBlock = regexp.MustCompile(`<script type="application/json" id="` + site.PageIndexID + `">([^<]*)</script>\s*</body>`)

// Every page carries its language's chapters' index, the very file the
// app would otherwise fetch, so the app mounts without a fetch; the 404
// pages too, since the app runs there as well. The id is the one the app
// reads.
func TestPagesCarryTheIndex(t *testing.T) {
	if reading.PageIndexID != site.PageIndexID {
		t.Fatalf("the app reads the index from #%s, the site writes #%s", reading.PageIndexID, site.PageIndexID)
	}
	for _, path := range append(pageRoutes(), "/no-such-page", "/de/no-such-page", "/ja/no-such-page") {
		// Each language's pages carry that language's index.
		file := reading.PageDataPath(reading.PageDataFile(ui.LanguageAt(path), reading.PageIndexFile))
		index := mustGet(t, file).Body
		m := pageIndexBlock.FindStringSubmatch(get(t, path).Body)
		switch {
		case m == nil:
			t.Errorf("%s does not end with the chapters' index", path)
		case m[1] != strings.ReplaceAll(index, "<", `\u003c`):
			t.Errorf("%s carries an index that is not %s", path, file)
		}
	}
}
