package pages

import "strings"

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

// Localize is route ("/servers") in l ("/de/servers").
func (l Language) Localize(route string) string { return Localize(l.Code, route) }

// LanguagePrefix is Prefix for a language code.
func LanguagePrefix(code string) string {
	if code == English || code == "" {
		return ""
	}
	return "/" + code
}

// LanguageOf splits a route into its language's code and the route within
// that language: "/de/guide/register" is ("de", "/guide/register"), "/de"
// is ("de", "/"), and a route without a language's prefix is English's.
func LanguageOf(route string) (code, rest string) {
	for _, l := range Languages[1:] {
		p := l.Prefix()
		switch {
		case route == p || route == p+"/":
			return l.Code, "/"
		case strings.HasPrefix(route, p+"/"):
			return l.Code, route[len(p):]
		}
	}
	return English, route
}

// Localize is the route in the language with that code: ("de", "/") is
// "/de", ("de", "/servers") is "/de/servers".
func Localize(code, route string) string {
	p := LanguagePrefix(code)
	if p != "" && route == "/" {
		return p
	}
	return p + route
}

// LanguageByCode finds one of the guide's languages.
func LanguageByCode(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// LanguageCodes lists the languages' codes, English first.
func LanguageCodes() []string {
	codes := make([]string, len(Languages))
	for i, l := range Languages {
		codes[i] = l.Code
	}
	return codes
}
