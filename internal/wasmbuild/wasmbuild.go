package wasmbuild

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"hellomatrix/internal/proc"
)

// RepoRoot finds the module root (the folder with hellomatrix's go.mod) from
// the working directory, which for tests is the package folder.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module hellomatrix\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("wasmbuild: not inside the hellomatrix module")
		}
		dir = parent
	}
}

// sourceDirs hold the code compiled into app.wasm.
var sourceDirs = []string{"app", "pages", "matrix", "go.mod", "go.sum"}

// Ensure makes root/web/app.wasm, app.wasm.br, app.wasm.gz and wasm_exec.js
// current. Test binaries of different packages may call it at the same
// time, so it holds a lock file while it works.
func Ensure(root string) error { return ensure(root, false) }

// Build is Ensure without the staleness check: `make wasm` always builds
// (the Go build cache keeps that quick), in case the toolchain changed.
func Build(root string) error { return ensure(root, true) }

func ensure(root string, force bool) error {
	web := filepath.Join(root, "web")
	unlock, err := proc.Lock(filepath.Join(web, ".wasmbuild.lock"), 10*time.Minute) // another test binary may be building
	if err != nil {
		return err
	}
	defer unlock()

	wasm := filepath.Join(web, "app.wasm")
	if force || stale(root, wasm) {
		if err := buildWasm(root, wasm); err != nil {
			return err
		}
	}
	if err := copyWasmExec(root, filepath.Join(web, "wasm_exec.js")); err != nil {
		return err
	}
	wasmInfo, err := os.Stat(wasm)
	if err != nil {
		return err
	}
	for _, tool := range [][]string{
		{"brotli", "-f", "-q", "11", "-k", wasm},
		{"gzip", "-f", "-9", "-k", wasm},
	} {
		suffix := map[string]string{"brotli": ".br", "gzip": ".gz"}[tool[0]]
		// brotli and gzip stamp their output with the input's time, brotli
		// to the whole second.
		if info, err := os.Stat(wasm + suffix); err == nil &&
			!info.ModTime().Truncate(time.Second).Before(wasmInfo.ModTime().Truncate(time.Second)) {
			continue
		}
		if _, err := exec.LookPath(tool[0]); err != nil {
			return fmt.Errorf("wasmbuild: %s is not installed: apt-get install -y %s", tool[0], tool[0])
		}
		if out, err := exec.Command(tool[0], tool[1:]...).CombinedOutput(); err != nil {
			return fmt.Errorf("wasmbuild: %s: %v\n%s", strings.Join(tool, " "), err, out)
		}
	}
	return nil
}

// stale reports whether wasm is missing or older than any non-test source.
func stale(root, wasm string) bool {
	info, err := os.Stat(wasm)
	if err != nil {
		return true
	}
	built := info.ModTime()
	newer := errors.New("newer")
	for _, dir := range sourceDirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
				return err
			}
			switch filepath.Ext(path) {
			case ".go", ".json", ".mod", ".sum":
			default:
				return nil
			}
			if fi, err := d.Info(); err == nil && fi.ModTime().After(built) {
				return newer
			}
			return nil
		})
		if err != nil {
			return true
		}
	}
	return false
}

// Tags are the build tags of the WASM: goolm is mautrix's pure-Go crypto
// (its default needs cgo); hmfetch makes hellomatrix/matrix send through
// the patched mautrix's hook straight to fetch (matrix/http_fetch_js.go).
const Tags = "goolm,hmfetch"

// buildWasm builds app.wasm into a temporary file that replaces it only
// when complete, so a server reading it never sees half a file.
func buildWasm(root, wasm string) error {
	modFile, err := ModFile(root)
	if err != nil {
		return err
	}
	tmp := wasm + ".tmp"
	if _, err := goBuild(root, modFile, "-s -w", tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, wasm)
}

// BuildNamed builds app.wasm to out as the real one is built, but keeping
// the function names (no -s), for internal/wasmsize to say where the
// bytes go. The code is the same; only the name section is added. It
// returns the linker's dependency dump (-dumpdep): which symbol keeps
// which. (A linker flag that changes each time makes go build link
// again, so the dump is always there.)
func BuildNamed(root, out string) ([]byte, error) {
	modFile, err := ModFile(root)
	if err != nil {
		return nil, err
	}
	nonce := fmt.Sprintf("-X=hellomatrix/internal/wasmbuild.unused=%d", time.Now().UnixNano())
	return goBuild(root, modFile, "-w -dumpdep "+nonce, out)
}

// BuildVariant builds app.wasm to out as the real one is built (patched
// dependencies and standard library, no symbols), but with other build
// tags and with the files of the repository named in without (paths
// relative to root) left out: make bench weighs a part of the app by
// building it without that part in the same folder, where every other
// byte is the same (the WASM embeds the folder's path).
func BuildVariant(root, out, tags string, without ...string) error {
	modFile, err := ModFile(root)
	if err != nil {
		return err
	}
	overlay, err := Overlay(root)
	if err != nil {
		return err
	}
	if len(without) > 0 {
		var o struct{ Replace map[string]string }
		body, err := os.ReadFile(overlay)
		if err == nil {
			err = json.Unmarshal(body, &o)
		}
		if err != nil {
			return err
		}
		for _, f := range without {
			abs, err := filepath.Abs(filepath.Join(root, f))
			if err != nil {
				return err
			}
			o.Replace[abs] = "" // as if it were not there
		}
		if body, err = json.Marshal(o); err != nil {
			return err
		}
		overlay = out + ".overlay.json"
		if err := os.WriteFile(overlay, body, 0o644); err != nil {
			return err
		}
		defer os.Remove(overlay)
	}
	_, err = goBuildWith(root, modFile, overlay, tags, "-s -w", out)
	return err
}

// goBuild builds ./app for js/wasm against the patched dependencies
// (modFile) and the patched standard-library files (Overlay).
func goBuild(root, modFile, ldflags, out string) ([]byte, error) {
	overlay, err := Overlay(root)
	if err != nil {
		return nil, err
	}
	return goBuildWith(root, modFile, overlay, Tags, ldflags, out)
}

func goBuildWith(root, modFile, overlay, tags, ldflags, out string) ([]byte, error) {
	cmd := exec.Command("go", "build", "-tags", tags, "-modfile", modFile, "-overlay", overlay, "-trimpath", "-ldflags="+ldflags, "-o", out, "./app")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	b, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("wasmbuild: building app.wasm: %v\n%.4000s", err, b)
	}
	return b, nil
}

// copyWasmExec puts the toolchain's wasm_exec.js beside app.wasm: the glue
// must match the Go release that compiled the WASM.
func copyWasmExec(root, dst string) error {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("wasmbuild: go env GOROOT: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js")
	want, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("wasmbuild: %v", err)
	}
	if have, err := os.ReadFile(dst); err == nil && bytes.Equal(have, want) {
		return nil
	}
	return os.WriteFile(dst, want, 0o644)
}
