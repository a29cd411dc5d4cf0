//go:build !wasm

package pages

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// renderSources renders the real chapters once per test binary.
func renderSources(t *testing.T) []Chapter {
	t.Helper()
	chs, err := Render(Sources)
	if err != nil {
		t.Fatalf("rendering chapters/*.md: %v", err)
	}
	return chs
}

// wantWidgets says which chapter carries which live client.
var wantWidgets = map[string]string{
	"choose-a-server": WidgetServerPicker,
	"register":        WidgetRegister,
	"login":           WidgetLogin,
	"first-message":   WidgetFirstMessage,
}

func TestRealChapters(t *testing.T) {
	chs := renderSources(t)
	if len(chs) != 9 {
		t.Fatalf("want 9 chapters, got %d", len(chs))
	}
	slugs := map[string]bool{}
	for i, c := range chs {
		if c.Number != i+1 {
			t.Errorf("chapter %d (%s) is numbered %d", i+1, c.Slug, c.Number)
		}
		if slugs[c.Slug] {
			t.Errorf("slug %s used twice", c.Slug)
		}
		slugs[c.Slug] = true
		if c.Title == "" {
			t.Errorf("%s: no title", c.Slug)
		}
		if n := len([]rune(c.Description)); n < 50 || n > 200 {
			t.Errorf("%s: description is %d characters, want 50–200 (search engines cut longer ones)", c.Slug, n)
		}
		h2 := 0
		for _, h := range c.Headings {
			if h.Level == 2 {
				h2++
			}
		}
		if h2 < 3 {
			t.Errorf("%s: %d h2 headings, want at least 3", c.Slug, h2)
		}
		var widgets []string
		for _, p := range c.Parts {
			if p.Widget != "" {
				widgets = append(widgets, p.Widget)
			}
		}
		want := wantWidgets[c.Slug]
		switch {
		case want == "" && len(widgets) > 0:
			t.Errorf("%s: unexpected live clients %v", c.Slug, widgets)
		case want != "" && (len(widgets) != 1 || widgets[0] != want):
			t.Errorf("%s: live clients %v, want [%s]", c.Slug, widgets, want)
		}
		if len(c.Sections) == 0 || c.Text == "" {
			t.Errorf("%s: no plain text", c.Slug)
		}
	}
	for slug := range wantWidgets {
		if !slugs[slug] {
			t.Errorf("no chapter %q for its live client", slug)
		}
	}
}

func TestRealChaptersLinksResolve(t *testing.T) {
	if err := CheckLinks(renderSources(t)); err != nil {
		t.Errorf("broken links in the chapters:\n%v", err)
	}
}

func TestGeneratedFilesAreFresh(t *testing.T) {
	files, err := Generated(renderSources(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		have, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, want) {
			t.Errorf("pages/%s is stale: the chapters or servers.json changed since it was generated; run `go generate ./pages`", name)
		}
	}
}

// TestGeneratedDataMatchesSources reads the compiled-in data back: what the
// app serves is what the Markdown and servers.json say.
func TestGeneratedDataMatchesSources(t *testing.T) {
	if !reflect.DeepEqual(Chapters(), renderSources(t)) {
		t.Error("Chapters() differs from the rendered Markdown; run `go generate ./pages`")
	}
	var srvs []Server
	if err := json.Unmarshal(serversJSON, &srvs); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(Servers(), srvs) || len(srvs) == 0 {
		t.Errorf("Servers() (%d) differs from servers.json (%d); run `go generate ./pages`", len(Servers()), len(srvs))
	}
}

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
			t.Errorf("the WASM build of pages imports %s; keep goldmark code behind //go:build !wasm", dep)
		}
	}
}
