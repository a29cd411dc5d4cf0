package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// languageSwitch lists the guide's languages, each by its own name and a
// plain link to the page the reader is on in that language, so it works
// without JavaScript. A click on one is remembered: app.js's start script
// (app/site/app_start.go) keeps the choice and lets the browser load the
// page whole, since the app has only its own language's chapters.
type languageSwitch struct {
	app.Compo

	Iroute string
}

func newLanguageSwitch() *languageSwitch {
	return &languageSwitch{}
}

func (s *languageSwitch) At(route string) *languageSwitch {
	s.Iroute = route
	return s
}

func (s *languageSwitch) Render() app.UI {
	lang, rest := pages.LanguageOf(s.Iroute)
	return app.Nav().
		Class("lang-switch").
		Aria("label", words.For(lang).Say("site.language.label")).
		Body(
			app.Ul().Body(
				app.Range(pages.Languages).Slice(func(i int) app.UI {
					l := pages.Languages[i]
					link := languageLink(l, rest).Text(l.Name)
					if l.Code == lang {
						link = link.Aria("current", "true")
					}
					return app.Li().Body(link)
				}),
			),
		)
}

// languageLink goes to route in l and says so to the start script (the
// data-hm-lang it looks for) and to browsers and screen readers (hreflang,
// lang).
func languageLink(l pages.Language, route string) app.HTMLA {
	return app.A().
		Href(ui.SitePath(l.Localize(route))).
		HrefLang(l.Code).
		Lang(l.Code).
		DataSet("hm-lang", l.Code)
}
