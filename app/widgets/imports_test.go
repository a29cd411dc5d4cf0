package widgets

import (
	"go/build"
	"strings"
	"testing"
)

// The widgets talk only to the view model: whatever the build, nothing in
// the package imports the Matrix core or the server (app/live does, for
// them); its tests may use the tests' helpers in app/site/sitetest.
func TestWidgetsImportOnlyTheViewModel(t *testing.T) {
	for _, goos := range []string{"linux", "js"} {
		ctx := build.Default
		ctx.GOOS = goos
		if goos == "js" {
			ctx.GOARCH = "wasm"
		}
		ctx.BuildTags = []string{"goolm"}
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatal(err)
		}
		imports := append(append(pkg.Imports, pkg.TestImports...), pkg.XTestImports...)
		for _, path := range imports {
			if path == "hellomatrix/matrix" || strings.HasPrefix(path, "hellomatrix/matrix/") ||
				path == "hellomatrix/app/site" || strings.HasPrefix(path, "hellomatrix/app/site/") && path != "hellomatrix/app/site/sitetest" {
				t.Errorf("GOOS=%s: package widgets imports %s", goos, path)
			}
		}
	}
}
