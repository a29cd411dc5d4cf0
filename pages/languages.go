package pages

// Language is one language the guide is written in. English is at the
// site's own addresses; every other language has the same pages under its
// code (/de/guide/register), with the same slugs and heading ids, so a
// link or an anchor means the same place in every language.
type Language struct {
	Code string // BCP 47: "en", "de", "ja"
	Name string // in the language itself, for the language switch
}

// Languages lists the guide's languages, English first.
var Languages = []Language{
	{Code: "en", Name: "English"},
	{Code: "de", Name: "Deutsch"},
	{Code: "fr", Name: "Français"},
	{Code: "es", Name: "Español"},
	{Code: "ja", Name: "日本語"},
}

// English is the language the guide is written in first; the others are
// checked against it.
const English = "en"

// Prefix is what the language's addresses start with: "" for English,
// "/de" for German.
func (l Language) Prefix() string { return LanguagePrefix(l.Code) }

// LanguagePrefix is Prefix for a language code.
func LanguagePrefix(code string) string {
	if code == English || code == "" {
		return ""
	}
	return "/" + code
}
