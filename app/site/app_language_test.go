package site

import (
	"testing"

	"hellomatrix/app/site/sitetest"
)

// The language script remembers and keeps choices as app_language.go says
// (testdata/language_script.js).
func TestLanguageScript(t *testing.T) {
	sitetest.RunScript(t, "testdata/language_script.js", languageScript)
}
