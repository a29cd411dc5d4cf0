//go:build !js

package nodepkg

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLockPathOutsideTheFolder: the install lock must not land in the
// package folder (a test run would leave an untracked file in the work
// tree), and every process installing into one folder must meet one lock.
func TestLockPathOutsideTheFolder(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("HELLO_MATRIX_CACHE", cache)
	dir := filepath.Join(t.TempDir(), "interop")
	a, err := lockPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lockPath(dir + "/.")
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("one folder, two locks: %s and %s", a, b)
	}
	if !strings.HasPrefix(a, cache+string(filepath.Separator)) {
		t.Errorf("lock %s is not in the cache folder %s", a, cache)
	}
	if other, _ := lockPath(filepath.Join(t.TempDir(), "interop")); other == a {
		t.Errorf("two folders share the lock %s", a)
	}
}
