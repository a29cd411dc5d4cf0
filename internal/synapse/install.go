package synapse

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"hellomatrix/internal/hsharness"
	"hellomatrix/internal/proc"
)

// Version is the matrix-synapse release the project installs and tests
// against; requirements.txt pins it and every dependency.
const Version = "1.163.2"

//go:embed requirements.txt
var requirements []byte

// CacheDir is where the install and the migrated database live:
// $HELLO_MATRIX_CACHE, or the user cache folder (~/.cache/hello-matrix), the
// same folder as internal/dendrite's build.
func CacheDir() (string, error) {
	if d := os.Getenv("HELLO_MATRIX_CACHE"); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("synapse: no cache folder (set HELLO_MATRIX_CACHE): %w", err)
	}
	return filepath.Join(base, "hello-matrix"), nil
}

// Install is a ready Synapse: its virtualenv and the migrated empty database
// each instance starts from.
type Install struct {
	Root       string // <cache>/synapse-VERSION
	Python     string // the virtualenv's interpreter
	TemplateDB string // an empty homeserver.db with every migration applied
}

// Ensure returns the install, making it first when it is missing or was made
// from other requirements: a virtualenv with requirements.txt installed from
// PyPI (about a minute), then one migration of an empty database (seconds).
// Test binaries of several packages run in parallel, so callers wait on a
// file lock and the install runs once.
func Ensure(ctx context.Context) (*Install, error) {
	cache, err := CacheDir()
	if err != nil {
		return nil, err
	}
	root := filepath.Join(cache, "synapse-"+Version)
	in := &Install{
		Root:       root,
		Python:     filepath.Join(root, "venv", "bin", "python"),
		TemplateDB: filepath.Join(root, "template", "homeserver.db"),
	}
	if in.ready() {
		return in, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	unlock, err := proc.Lock(filepath.Join(root, ".lock"), 0)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if in.ready() { // made by whoever held the lock before us
		return in, nil
	}
	os.Remove(in.stamp())
	if err := in.installVenv(ctx); err != nil {
		return nil, err
	}
	if err := in.makeTemplate(ctx); err != nil {
		return nil, err
	}
	if err := os.WriteFile(in.stamp(), []byte(requirementsHash()+"\n"), 0o644); err != nil {
		return nil, err
	}
	return in, nil
}

// stamp records which requirements the install was made from; it is written
// last, so its presence means the whole install finished.
func (in *Install) stamp() string { return filepath.Join(in.Root, ".installed") }

func (in *Install) ready() bool {
	b, err := os.ReadFile(in.stamp())
	if err != nil || strings.TrimSpace(string(b)) != requirementsHash() {
		return false
	}
	// Stat follows the venv's python symlink, so a removed base interpreter
	// (another python3 on the machine now) also means reinstalling.
	for _, f := range []string{in.Python, in.TemplateDB} {
		if _, err := os.Stat(f); err != nil {
			return false
		}
	}
	return true
}

func requirementsHash() string {
	sum := sha256.Sum256(requirements)
	return hex.EncodeToString(sum[:])
}

// installVenv makes a fresh virtualenv and installs the pinned set into it.
func (in *Install) installVenv(ctx context.Context) error {
	python, err := findPython(ctx)
	if err != nil {
		return err
	}
	venv := filepath.Join(in.Root, "venv")
	if err := os.RemoveAll(venv); err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(os.Stderr, "synapse: installing matrix-synapse %s into %s (first run only, about a minute)…\n", Version, venv)
	if out, err := exec.CommandContext(ctx, python, "-m", "venv", venv).CombinedOutput(); err != nil {
		return fmt.Errorf("synapse: %s -m venv: %v: %s\n%s", python, err, out, pythonHelp)
	}
	req := filepath.Join(in.Root, "requirements.txt")
	if err := os.WriteFile(req, requirements, 0o644); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, in.Python, "-m", "pip", "install",
		"--quiet", "--no-input", "--disable-pip-version-check", "--progress-bar", "off",
		"--requirement", req)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("synapse: pip install -r %s: %v:\n%s", req, err, tail(out, 4000))
	}
	fmt.Fprintf(os.Stderr, "synapse: installed in %s\n", time.Since(start).Round(100*time.Millisecond))
	return nil
}

// makeTemplate migrates an empty SQLite database once with Synapse's own
// update script, background updates included: a new instance copies it,
// skips creating the schema (1.65 s to /versions instead of 1.9 s here) and
// runs no background updates while its tests do. The database holds no
// server name, keys or users, so any instance may start from it.
func (in *Install) makeTemplate(ctx context.Context) error {
	dir := filepath.Join(in.Root, "template.tmp")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := ensureSigningKey(dir); err != nil {
		return err
	}
	o := Options{ServerName: "localhost", SharedSecret: hsharness.RandomHex(16)}
	cfg, err := writeConfig(o, dir, "127.0.0.1:1")
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, in.Python, "-m", "synapse._scripts.update_synapse_database",
		"--database-config", cfg, "--run-background-updates")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("synapse: migrating the template database: %v:\n%s", err, tail(out, 4000))
	}
	final := filepath.Dir(in.TemplateDB)
	if err := os.RemoveAll(final); err != nil {
		return err
	}
	if err := os.MkdirAll(final, 0o755); err != nil {
		return err
	}
	// The script has exited, so the database file (and a write-ahead log,
	// should one be left) is complete and consistent.
	for _, name := range []string{"homeserver.db", "homeserver.db-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) && name != "homeserver.db" {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(final, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

const pythonHelp = "Synapse needs Python 3.10 or newer with venv and pip; on Debian: apt-get install python3 python3-venv python3-pip."

// findPython returns a python3 that can make a virtualenv with pip.
func findPython(ctx context.Context) (string, error) {
	python, err := exec.LookPath("python3")
	if err != nil {
		return "", fmt.Errorf("synapse: no python3 on PATH. %s", pythonHelp)
	}
	out, err := exec.CommandContext(ctx, python, "-c",
		"import sys, venv, ensurepip; print(sys.version_info >= (3, 10))").CombinedOutput()
	if err != nil || !bytes.Equal(bytes.TrimSpace(out), []byte("True")) {
		return "", fmt.Errorf("synapse: %s is too old or lacks venv/ensurepip (%s). %s", python, bytes.TrimSpace(out), pythonHelp)
	}
	return python, nil
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
