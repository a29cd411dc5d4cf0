package site

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The wasm_exec.js glue must come from the same Go release that built
// app.wasm. go-app embeds a copy from before Go 1.24, so the site serves the
// toolchain's own instead: `make wasm` copies it to web/wasm_exec.js next to
// app.wasm, and when that copy is missing (a fresh checkout) we read it from
// the installed toolchain.

// wasmExecJS returns the glue script to serve.
func wasmExecJS(webDir string) ([]byte, error) {
	if b, err := os.ReadFile(filepath.Join(webDir, "wasm_exec.js")); err == nil {
		return b, nil
	}
	file, err := toolchainWasmExec()
	if err != nil {
		return nil, err
	}
	return os.ReadFile(file)
}

func wasmExecModTime(webDir string) time.Time {
	if info, err := os.Stat(filepath.Join(webDir, "wasm_exec.js")); err == nil {
		return info.ModTime()
	}
	return time.Time{}
}

// toolchainWasmExec finds wasm_exec.js in the Go installation on PATH:
// lib/wasm since Go 1.24, misc/wasm before.
func toolchainWasmExec() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("wasm_exec.js: web/wasm_exec.js is missing and `go env GOROOT` failed (%v); run make wasm", err)
	}
	goroot := strings.TrimSpace(string(bytes.TrimSpace(out)))
	for _, rel := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		file := filepath.Join(goroot, rel)
		if _, err := os.Stat(file); err == nil {
			return file, nil
		}
	}
	return "", fmt.Errorf("wasm_exec.js: not found under %s", goroot)
}
