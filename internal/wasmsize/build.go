package wasmsize

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"hellomatrix/internal/wasmbuild"
)

// Measure builds app.wasm as `make wasm` does but keeping the function
// names (no -s), and sums its code and data by package. The build goes to
// a temporary folder; web/ is not touched.
func Measure(root string) (*Table, error) {
	dir, err := os.MkdirTemp("", "hm-wasmsize-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "app.wasm")
	dump, err := wasmbuild.BuildNamed(root, wasm)
	if err != nil {
		return nil, err
	}
	archives, err := listArchives(root)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(archives))
	for i, a := range archives {
		paths[i] = a.path
	}
	b, err := os.ReadFile(wasm)
	if err != nil {
		return nil, err
	}
	t, err := Analyze(b, NewGrouper(paths, "hellomatrix/app"))
	if err != nil {
		return nil, err
	}
	return t, t.addData(archives, reachable(dump))
}

// listArchives lists every package compiled into the WASM with its
// archive, dependencies first.
func listArchives(root string) ([]archive, error) {
	modFile, err := wasmbuild.ModFile(root)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("go", "list", "-tags", wasmbuild.Tags, "-modfile", modFile, "-deps", "-export",
		"-f", "{{.ImportPath}}\t{{.Export}}", "./app")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wasmsize: go list: %v", err)
	}
	var archives []archive
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, file, _ := strings.Cut(line, "\t")
		archives = append(archives, archive{path, file})
	}
	return archives, nil
}
