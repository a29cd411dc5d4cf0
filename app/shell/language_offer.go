package shell

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// languageOffers offer a reader on a first visit the page in the language
// their browser prefers, when it is another of the guide's: one notice per
// other language, each written in its own language, all hidden. Which one
// to show depends on the browser (navigator.languages) and on a choice the
// reader made before (localStorage), so a script decides, before the first
// paint (offerHeadJS): it names the language on <html data-hm-offer>, and
// web/app.css shows that notice. Nothing moves once the page is drawn, and
// when the app mounts its copy of the page over the prerendered one, or
// replaces it on a navigation, the notice in the new copy shows as well:
// go-app leaves <html>'s attributes alone. The notices' buttons work
// without Go too (app/site/app_language.go), since a reader who only reads
// never starts the app.
type languageOffers struct {
	app.Compo

	Iroute string
}

func newLanguageOffers() *languageOffers {
	return &languageOffers{}
}

func (o *languageOffers) At(route string) *languageOffers {
	o.Iroute = route
	return o
}

func (o *languageOffers) Render() app.UI {
	lang, rest := pages.LanguageOf(o.Iroute)
	return app.Div().
		Class("lang-offers").
		Body(
			app.Range(pages.Languages).Slice(func(i int) app.UI {
				l := pages.Languages[i]
				if l.Code == lang {
					return nil
				}
				w := words.For(l.Code)
				return app.Div().
					Class("lang-offer").
					Lang(l.Code).
					Hidden(true).
					Body(
						app.P().Text(w.Say("site.offer.text")),
						app.Div().
							Class("lang-offer-actions").
							Body(
								languageLink(l, rest).Class("button").Text(w.Say("site.offer.read")),
								// Keeps the page's language, so nothing
								// is offered again.
								app.Button().
									Type("button").
									Class("secondary").
									DataSet("hm-stay", lang).
									Text(w.Say("site.offer.dismiss")),
							),
					)
			}),
		)
}

// LanguageStorageKey is where the reader's choice of language is kept
// (app/site's LanguageStorageKey too).
const LanguageStorageKey = "hm-lang"

// offerHeadJS, run in <head> (HeadScript), names the language to offer on
// <html data-hm-offer>: the first of the browser's languages the guide has,
// unless it is the page's own (<html lang>) or the reader chose one before.
var offerHeadJS = `(function(){try{if(!localStorage.getItem("` + LanguageStorageKey + `")){` +
	`var h=document.documentElement,b=navigator.languages&&navigator.languages.length?navigator.languages:[navigator.language||""],o=["` + strings.Join(pages.LanguageCodes(), `","`) + `"];` +
	`for(var i=0;i<b.length;i++){var l=String(b[i]).toLowerCase().split("-")[0];` +
	`if(o.indexOf(l)>=0){if(l!==h.lang)h.setAttribute("data-hm-offer",l);break}}}}catch(e){}})();`
