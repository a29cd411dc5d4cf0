package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"hellomatrix/app/basepath"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// A reader who installs the guide from a page in their language gets the
// guide in that language: every language but English has its own manifest,
// /de/manifest.webmanifest, which its pages link, with the description in
// that language and the language's landing page to start at. The scope
// stays the whole site, so an installed guide still opens every page.

// manifestPath is the address of the manifest of the language with that
// code.
func manifestPath(lang string) string {
	return pages.LanguagePrefix(lang) + "/manifest.webmanifest"
}

// manifestLanguage is the language of a manifest address, and whether it
// is one.
func manifestLanguage(path string) (string, bool) {
	lang, rest := pages.LanguageOf(path)
	if rest != "/manifest.webmanifest" && !(lang == pages.English && path == "/manifest.json") {
		return "", false
	}
	return lang, true
}

// inLanguage rewrites the English manifest for the language with that code.
func inLanguage(manifest []byte, lang string) ([]byte, error) {
	if lang == pages.English {
		return manifest, nil
	}
	var m map[string]any
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	w := words.For(lang)
	m["lang"] = lang
	m["name"] = w.Say("site.manifest.name")
	m["description"] = w.Say("site.home.description")
	m["start_url"] = basepath.Join(pages.Localize(lang, "/"))
	return json.MarshalIndent(m, "", "  ")
}

// withLanguageManifest points a page of another language than English at
// its language's manifest.
func withLanguageManifest(html []byte, lang string) []byte {
	if lang == pages.English {
		return html
	}
	// The manifest's address appears once in a page, in its link.
	english := `href="` + basepath.Join(manifestPath(pages.English)) + `"`
	own := `href="` + basepath.Join(manifestPath(lang)) + `"`
	return bytes.Replace(html, []byte(english), []byte(own), 1)
}

// languageManifests are the manifests of the languages but English, by
// their address without the base path.
func languageManifests(english []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, l := range pages.Languages[1:] {
		m, err := inLanguage(english, l.Code)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(manifestPath(l.Code), "/")] = m
	}
	return out, nil
}

// isManifest reports whether path is the address of a manifest.
func isManifest(path string) bool {
	_, ok := manifestLanguage(path)
	return ok
}
