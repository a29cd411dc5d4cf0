package wasmbuild

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The WASM is built against copies of a few dependencies (copies.go says
// which and why): each copy leaves out files and changes a few lines that
// only matter in a browser, mostly so that package initialisation stops
// keeping code the browser never runs. The copies live in root/.build (git
// ignores it) and the build finds them through an alternate go.mod (go
// build -modfile) that adds replace directives, so native builds, go.mod
// and the module cache are untouched. (go build -overlay would be simpler,
// but it refuses files in the module cache.)

// An edit replaces text that must occur exactly once (or n times) in one
// file of the copy.
type edit struct {
	file, before, after string
	n                   int
}

// A moduleCopy is a dependency the WASM is built against a copy of: its Go
// sources without its tests and without what leftOut names, edited, plus
// added files.
type moduleCopy struct {
	path    string
	leftOut func(rel string) bool
	edits   []edit
	added   map[string]string
}

// ModFile prepares the patched copies (the copies list) and returns
// the path of the alternate go.mod for js/wasm builds of this module (go
// build -modfile). It fails with a clear sentence when mautrix's source no
// longer has a line it replaces (after a mautrix upgrade) rather than
// build without it.
func ModFile(root string) (string, error) {
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, ".build", "wasm")
	goMod = append(goMod, "\n// Added by internal/wasmbuild for the WASM build only.\n"...)
	for _, c := range copies {
		mod, err := locate(root, c.path)
		if err != nil {
			return "", err
		}
		// maunium.net+go+mautrix@v0.31.0: the module path, so two modules
		// whose paths end alike (…/v9) cannot share a folder.
		copyDir := filepath.Join(dir, strings.ReplaceAll(c.path, "/", "+")+"@"+mod.Version)
		if err := patchedCopy(mod.Dir, copyDir, c); err != nil {
			return "", err
		}
		if bytes.Contains(goMod, []byte("replace "+c.path+" ")) {
			return "", fmt.Errorf("wasmbuild: go.mod already replaces %s; the WASM build cannot patch it too", c.path)
		}
		goMod = append(goMod, fmt.Sprintf("replace %s => %s\n", c.path, copyDir)...)
	}
	goSum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	modFile := filepath.Join(dir, "go.mod")
	if err := writeIfChanged(modFile, goMod); err != nil {
		return "", err
	}
	return modFile, writeIfChanged(filepath.Join(dir, "go.sum"), goSum)
}

type module struct{ Dir, Version string }

// locate finds a dependency's folder in the module cache, downloading it
// first if needed.
func locate(root, path string) (module, error) {
	var m module
	cmd := exec.Command("go", "mod", "download", "-json", path)
	cmd.Dir = root
	out, err := cmd.Output()
	if err == nil {
		err = json.Unmarshal(out, &m)
	}
	if err != nil || m.Dir == "" {
		return m, fmt.Errorf("wasmbuild: finding %s: %v %s", path, err, out)
	}
	return m, nil
}

// patchedCopy copies the module's Go sources (not its tests, nor what
// c.leftOut names) from src to dst and applies c's edits and added files.
// A copy made earlier is kept when its files are what this code would
// write.
func patchedCopy(src, dst string, c moduleCopy) error {
	want := map[string][]byte{}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if strings.HasSuffix(name, "_test.go") || !(strings.HasSuffix(name, ".go") || name == "go.mod") {
			return nil
		}
		rel, _ := filepath.Rel(src, path)
		if c.leftOut != nil && c.leftOut(rel) {
			return nil
		}
		body, err := os.ReadFile(path)
		want[rel] = body
		return err
	})
	if err != nil {
		return fmt.Errorf("wasmbuild: reading %s: %v", src, err)
	}
	for _, e := range c.edits {
		patched, err := e.apply(want[e.file])
		if err != nil {
			return fmt.Errorf("%s: %w", c.path, err)
		}
		want[e.file] = patched
	}
	for name, body := range c.added {
		want[name] = []byte(body)
	}

	// Files that the copy has but want does not (left by an older patch)
	// would be compiled too: start again without them.
	stray := false
	filepath.WalkDir(dst, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dst, path)
			if _, ok := want[rel]; !ok {
				stray = true
			}
		}
		return nil
	})
	if stray {
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
	}
	for rel, body := range want {
		p := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeIfChanged(p, body); err != nil {
			return err
		}
	}
	return nil
}

// patch replaces mautrix's one call of (*http.Client).Do.
func patch(src []byte) ([]byte, error) { return edits[0].apply(src) }

func (e edit) apply(src []byte) ([]byte, error) {
	want := max(e.n, 1)
	if n := bytes.Count(src, []byte(e.before)); n != want {
		return nil, fmt.Errorf("wasmbuild: expected the dependency's %s to contain %q %d times, found it %d times; "+
			"the dependency has changed, so update the patch in internal/wasmbuild/patch.go", e.file, strings.TrimSpace(e.before), want, n)
	}
	return bytes.ReplaceAll(src, []byte(e.before), []byte(e.after)), nil
}

// writeIfChanged keeps a file's time when its content is the same, so
// preparing the build again never makes anything look stale.
func writeIfChanged(path string, body []byte) error {
	if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, body) {
		return nil
	}
	return os.WriteFile(path, body, 0o644)
}
