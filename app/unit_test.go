//go:build !wasm

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Server-only code must stay out of app.wasm.
func TestWasmLeavesOutServerCode(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-tags", "goolm", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := strings.Fields(string(out))
	for _, d := range deps {
		switch {
		case strings.Contains(d, "goldmark"), strings.Contains(d, "yaml"),
			d == "net/http/httptest", d == "os/exec", d == "os/signal",
			d == "hellomatrix/internal/wasmbuild", d == "hellomatrix/app/site", d == "github.com/chromedp/chromedp":
			t.Errorf("app.wasm includes %s", d)
		}
	}
	if len(deps) < 20 {
		t.Errorf("go list found only %d packages", len(deps))
	}
}
