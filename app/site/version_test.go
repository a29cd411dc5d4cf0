package site

import "testing"

// The version only changes when what readers get changes, so restarting the
// server does not tell every installed copy to update.
func TestSiteVersionIsStable(t *testing.T) {
	a, b := siteVersion(webDir), siteVersion(webDir)
	if a != b || len(a) != 16 {
		t.Errorf("versions %q and %q", a, b)
	}
	if other := siteVersion(t.TempDir()); other == a {
		t.Error("the version ignores the web assets")
	}
	defer func(v string) { releaseVersion = v }(releaseVersion)
	releaseVersion = "2024.1"
	if v := siteVersion(webDir); v != "2024.1" {
		t.Errorf("release version ignored: %q", v)
	}
}
