package nodepkg

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"hellomatrix/internal/proc"
)

// MinNodeMajor is the oldest Node.js the pinned packages run on
// (matrix-js-sdk 37.5.0 and Lighthouse 12 both support Node 20).
const MinNodeMajor = 20

// Ensure returns the path of node once dir/node_modules holds the version of
// pkg that dir/package-lock.json pins, running `npm ci` when it does not.
// Callers in parallel test binaries share the folder, so the install holds a
// file lock. Errors say what to install.
func Ensure(ctx context.Context, dir, pkg string) (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("Node.js %d or newer is needed to run %s, but `node` is not on PATH; install it (apt-get install nodejs npm)", MinNodeMajor, pkg)
	}
	if err := checkNodeVersion(node); err != nil {
		return "", err
	}
	want, err := pinnedVersion(dir, pkg)
	if err != nil {
		return "", err
	}
	if installedVersion(dir, pkg) == want {
		return node, nil
	}
	lockFile, err := lockPath(dir)
	if err != nil {
		return "", err
	}
	unlock, err := proc.Lock(lockFile, 0)
	if err != nil {
		return "", err
	}
	defer unlock()
	if installedVersion(dir, pkg) == want { // installed while we waited
		return node, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("npm is needed to install %s, but `npm` is not on PATH; install it (apt-get install npm)", pkg)
	}
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm ci in %s: %v\n%s", dir, err, out)
	}
	return node, nil
}

func checkNodeVersion(node string) error {
	v, err := exec.Command(node, "--version").Output()
	if err != nil {
		return fmt.Errorf("running node --version: %w", err)
	}
	var major int
	if _, err := fmt.Sscanf(strings.TrimSpace(string(v)), "v%d.", &major); err != nil || major < MinNodeMajor {
		return fmt.Errorf("Node.js %d or newer is needed, found %s", MinNodeMajor, strings.TrimSpace(string(v)))
	}
	return nil
}

func pinnedVersion(dir, pkg string) (string, error) {
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return "", err
	}
	if err := json.Unmarshal(raw, &lock); err != nil {
		return "", fmt.Errorf("%s/package-lock.json: %w", dir, err)
	}
	v := lock.Packages["node_modules/"+pkg].Version
	if v == "" {
		return "", fmt.Errorf("%s/package-lock.json does not pin %s", dir, pkg)
	}
	return v, nil
}

func installedVersion(dir, pkg string) string {
	var have struct {
		Version string `json:"version"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", pkg, "package.json"))
	if err != nil || json.Unmarshal(b, &have) != nil {
		return ""
	}
	return have.Version
}

// lockPath is where the install lock for dir lives: in the cache folder
// (the one internal/dendrite uses: $HELLO_MATRIX_CACHE, else the user's
// cache), named after dir's absolute path, so every process installing into
// dir meets the same lock and the work tree gets no file that git would see.
func lockPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	base := os.Getenv("HELLO_MATRIX_CACHE")
	if base == "" {
		if base, err = os.UserCacheDir(); err != nil {
			base = os.TempDir()
		}
		base = filepath.Join(base, "hello-matrix")
	}
	locks := filepath.Join(base, "npm-ci-locks")
	if err := os.MkdirAll(locks, 0o755); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(locks, filepath.Base(abs)+"-"+hex.EncodeToString(sum[:6])+".lock"), nil
}
