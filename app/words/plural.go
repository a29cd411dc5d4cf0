package words

// pluralForm is the CLDR plural category of the whole number n in lang,
// for the languages the guide is written in. These few rules are copied
// from CLDR as golang.org/x/text/feature/plural has them, rather than
// taken from that package, which would bring its language tables into the
// WASM (about 60 KB brotli, BENCHMARKS.md); plural_test.go checks them
// against it, and that every catalog file has its rule here.
func pluralForm(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	switch {
	case lang == "ja":
		return "other"
	case lang == "fr" && n == 0, n == 1:
		return "one"
	}
	return "other"
}

// pluralRules names the languages pluralForm knows.
var pluralRules = []string{"en", "de", "fr", "es", "ja"}
