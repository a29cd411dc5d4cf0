//go:build !wasm

package pages

// ChaptersIn returns the chapters in the language with that code, in
// reading order, or nil when the guide has no such translation. English
// is Chapters. The server prerenders every language's pages from these;
// the WASM has none of them (it loads one language's index, content.go).
func ChaptersIn(lang string) []Chapter {
	if lang == English {
		return Chapters()
	}
	return generatedTranslations[lang]
}
