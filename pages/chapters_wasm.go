//go:build wasm

package pages

// In the browser the chapters are not compiled in (chapters.gen.go is built
// for the server only): the app loads their index, each one's body and the
// search text over HTTP (content.go), so adding a page leaves app.wasm as
// it is.
var generatedChapters []Chapter

// ChaptersIn returns the chapters in the language with that code: the
// browser has one language's, those of the page it started on (LoadIndex);
// for any other it has none.
func ChaptersIn(lang string) []Chapter {
	if lang == "" {
		lang = English
	}
	if len(generatedChapters) == 0 || generatedChapters[0].Language() != lang {
		return nil
	}
	return generatedChapters
}
