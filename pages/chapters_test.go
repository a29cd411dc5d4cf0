package pages

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestGeneratedChaptersLoad checks the chapters through the API the app uses.
func TestGeneratedChaptersLoad(t *testing.T) {
	chs := Chapters()
	if len(chs) == 0 {
		t.Fatal("Chapters() is empty; run `go generate ./pages`")
	}
	c, ok := BySlug(chs[0].Slug)
	if !ok || c.Path() != "/guide/"+chs[0].Slug {
		t.Errorf("BySlug(%q) = %+v, %v", chs[0].Slug, c, ok)
	}
	prev, next := Neighbours(chs[0].Slug)
	if prev.Slug != "" || (len(chs) > 1 && next.Slug != chs[1].Slug) {
		t.Errorf("Neighbours: %q, %q", prev.Slug, next.Slug)
	}
}

// TestWASMBuildHasNoGoldmark guards the split between build time and run
// time: goldmark would add weight to the WASM for nothing.
func TestWASMBuildHasNoGoldmark(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	cmd := exec.Command("go", "list", "-deps", "hellomatrix/pages")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "hellomatrix/pages") {
		t.Fatalf("go list printed no package:\n%s", out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/yuin/goldmark") {
			t.Errorf("the WASM build of pages imports %s; keep goldmark in pages/render, which only the generator imports", dep)
		}
	}
}
