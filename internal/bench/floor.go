package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// floorWeb makes the web folder the floor is served from, in dir: every
// file of root/web as it is (stylesheet, icons, compile worker, wasm_exec.js)
// except app.wasm and its precompressed copies, which are floorapp's, built
// with the app's flags and compressed as make wasm compresses the app's. So
// the server sends the floor with the same headers and encodings, and the
// page around it is the same page.
func floorWeb(root, dir string) (string, error) {
	web := filepath.Join(dir, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		return "", err
	}
	entries, err := os.ReadDir(filepath.Join(root, "web"))
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "app.wasm") || strings.HasPrefix(name, ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, "web", name))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(web, name), b, 0o644); err != nil {
			return "", err
		}
	}
	wasm := filepath.Join(web, "app.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./internal/bench/floorapp")
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the floor app: %v\n%s", err, out)
	}
	for _, tool := range [][]string{
		{"brotli", "-f", "-q", "11", "-k", wasm},
		{"gzip", "-f", "-9", "-k", wasm},
	} {
		if out, err := exec.Command(tool[0], tool[1:]...).CombinedOutput(); err != nil {
			return "", fmt.Errorf("%s: %v\n%s", strings.Join(tool, " "), err, out)
		}
	}
	return web, nil
}
