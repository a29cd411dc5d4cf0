package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The exporter only replaces folders it wrote itself.
func TestStaticExportKeepsForeignFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "precious.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Export(testConfig, ExportOptions{OutDir: dir, WebDir: webDir})
	if err == nil || !strings.Contains(err.Error(), "not written by app static") {
		t.Fatalf("exporting over a foreign folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "precious.txt")); err != nil {
		t.Error("the foreign file is gone")
	}
}
