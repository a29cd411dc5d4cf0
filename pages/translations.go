//go:build !wasm

package pages

// ChaptersIn returns the chapters in the language with that code, in
// reading order, or nil when the guide has no such translation. English
// is Chapters. The server prerenders every language's pages from these;
// the WASM has none of them (it loads one language's index, content.go).
func ChaptersIn(lang string) []Chapter {
	if lang == English || lang == "" {
		return Chapters()
	}
	return generatedTranslations[lang]
}

// Each translated chapter knows its language, for its Path and the index
// the browser gets.
func init() {
	for lang, chs := range generatedTranslations {
		for i := range chs {
			chs[i].Lang = lang
		}
	}
}
