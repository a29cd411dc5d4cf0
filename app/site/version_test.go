package site

import "testing"

// The version only changes when what readers get changes, so restarting the
// server does not tell every installed copy to update.
func TestSiteVersionIsStable(t *testing.T) {
	catalogFileWas := catalogFile
	a, b := siteVersion(webDir), siteVersion(webDir)
	if a != b || len(a) != 16 {
		t.Errorf("versions %q and %q", a, b)
	}
	if other := siteVersion(t.TempDir()); other == a {
		t.Error("the version ignores the web assets")
	}
	// A change to another language's words is a new version too: the
	// server builds that language's pages from them.
	defer func(f func(string) ([]byte, bool)) { catalogFile = f }(catalogFile)
	catalogFile = func(lang string) ([]byte, bool) {
		if lang == "de" {
			return []byte(`{"site.home.title": "Hallo"}`), true
		}
		return catalogFileWas(lang)
	}
	if v := siteVersion(webDir); v == a {
		t.Error("the version ignores the German words")
	}
	defer func(v string) { releaseVersion = v }(releaseVersion)
	releaseVersion = "2024.1"
	if v := siteVersion(webDir); v != "2024.1" {
		t.Errorf("release version ignored: %q", v)
	}
}
