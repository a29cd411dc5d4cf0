//go:build !wasm

package shell

import (
	"os"
	"strings"
	"testing"

	"hellomatrix/app/site/sitetest"
	"hellomatrix/pages"
)

// The head script offers the first of the browser's languages the guide
// has, unless it is the page's or the reader chose before
// (testdata/offer_head.js).
func TestOfferHeadScript(t *testing.T) {
	sitetest.RunScript(t, "testdata/offer_head.js", HeadScript)
}

// web/app.css shows the offer the head script names, in every language.
func TestStylesheetShowsEveryOffer(t *testing.T) {
	css, err := os.ReadFile("../../web/app.css") // the repository's web/ folder
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range pages.LanguageCodes() {
		if rule := `html[data-hm-offer="` + code + `"] .lang-offer[lang="` + code + `"]`; !strings.Contains(string(css), rule) {
			t.Errorf("app.css lacks %s", rule)
		}
	}
}
