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
// names (no -s), and sums it by package. The build goes to a temporary
// folder; web/ is not touched.
func Measure(root string) (*Table, error) {
	dir, err := os.MkdirTemp("", "hm-wasmsize-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "app.wasm")
	if err := wasmbuild.BuildNamed(root, wasm); err != nil {
		return nil, err
	}
	paths, err := importPaths(root)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(wasm)
	if err != nil {
		return nil, err
	}
	return Analyze(b, NewGrouper(paths, "hellomatrix/app"))
}

// importPaths lists every package compiled into the WASM.
func importPaths(root string) ([]string, error) {
	modFile, err := wasmbuild.ModFile(root)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("go", "list", "-tags", wasmbuild.Tags, "-modfile", modFile, "-deps", "./app")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wasmsize: go list: %v", err)
	}
	return strings.Fields(string(out)), nil
}
