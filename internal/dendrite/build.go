package dendrite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"hellomatrix/internal/proc"
)

// Version is the Dendrite release the project builds and tests against.
const Version = "v0.15.2"

const module = "github.com/element-hq/dendrite"

// binaries are the commands the harness needs from Dendrite's source tree.
var binaries = []string{"dendrite", "generate-keys", "create-account"}

// CacheDir is where builds and the sandbox's data live: $HELLO_MATRIX_CACHE,
// or the user cache folder (~/.cache/hello-matrix).
func CacheDir() (string, error) {
	if d := os.Getenv("HELLO_MATRIX_CACHE"); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("dendrite: no cache folder (set HELLO_MATRIX_CACHE): %w", err)
	}
	return filepath.Join(base, "hello-matrix"), nil
}

// EnsureBinaries returns the folder holding the Dendrite binaries, building
// them first when they are missing. Concurrent callers (test binaries of
// several packages run in parallel) wait on a file lock so the build runs once.
func EnsureBinaries(ctx context.Context) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	root := filepath.Join(cache, "dendrite-"+Version)
	bin := filepath.Join(root, "bin")
	if haveAll(bin) {
		return bin, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", err
	}
	unlock, err := proc.Lock(filepath.Join(root, ".lock"), 0)
	if err != nil {
		return "", err
	}
	defer unlock()
	if haveAll(bin) { // built by whoever held the lock before us
		return bin, nil
	}
	if err := build(ctx, root, bin); err != nil {
		return "", err
	}
	return bin, nil
}

func haveAll(bin string) bool {
	for _, b := range binaries {
		if _, err := os.Stat(filepath.Join(bin, b)); err != nil {
			return false
		}
	}
	return true
}

// build downloads Dendrite's module, copies it out of the read-only module
// cache and compiles the commands. It takes a few minutes on a cold cache.
func build(ctx context.Context, root, bin string) error {
	fmt.Fprintf(os.Stderr, "dendrite: building %s@%s into %s (first run only, a few minutes)…\n", module, Version, bin)
	out, err := goCmd(ctx, root, "mod", "download", "-json", module+"@"+Version).Output()
	if err != nil {
		return fmt.Errorf("dendrite: go mod download: %w", stderrOf(err))
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return fmt.Errorf("dendrite: go mod download gave no folder (%s): %v", info.Error, err)
	}
	src := filepath.Join(root, "src")
	if err := os.RemoveAll(src); err != nil {
		return err
	}
	if err := os.CopyFS(src, os.DirFS(info.Dir)); err != nil {
		return fmt.Errorf("dendrite: copying the source: %w", err)
	}
	tmpBin := bin + ".tmp"
	os.RemoveAll(tmpBin)
	args := []string{"build", "-o", tmpBin + "/"}
	for _, b := range binaries {
		args = append(args, "./cmd/"+b)
	}
	cmd := goCmd(ctx, src, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("dendrite: go build: %w", err)
	}
	os.RemoveAll(bin)
	return os.Rename(tmpBin, bin)
}

// goCmd runs the go tool for the host: a caller building for js/wasm must not
// leak GOOS/GOARCH into Dendrite's build, and our go.work (if any) must not
// apply to Dendrite's module.
func goCmd(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=", "GOARCH=", "GOWORK=off", "GOFLAGS=-mod=mod -buildvcs=false", "CGO_ENABLED=1")
	return cmd
}

func stderrOf(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, ee.Stderr)
	}
	return err
}
