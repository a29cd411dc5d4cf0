package render

import "hellomatrix/pages"

// languageWords is what rendering a chapter writes itself, in the
// chapter's language: the few words that are not the author's.
type languageWords struct {
	prefix      string // before every route inside the guide
	anchorLabel string // the heading's "#" link, for screen readers
}

// anchorLabels are the words of the "#" link after each heading.
var anchorLabels = map[string]string{
	"en": "Link to this section",
	"de": "Link zu diesem Abschnitt",
	"fr": "Lien vers cette section",
	"es": "Enlace a esta sección",
	"ja": "このセクションへのリンク",
}

func wordsFor(lang string) languageWords {
	return languageWords{prefix: pages.LanguagePrefix(lang), anchorLabel: anchorLabels[lang]}
}
