package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"hellomatrix/internal/wasmbuild"
	"hellomatrix/internal/wasmsize"
)

// measureWasmSize reports the bytes a reader downloads for the app: the raw
// WASM and the precompressed copies the server sends (make wasm writes them).
func measureWasmSize(root string, out *report) error {
	for _, f := range []struct{ key, file string }{
		{"wasm_bytes_raw", "app.wasm"},
		{"wasm_bytes_gzip", "app.wasm.gz"},
		{"wasm_bytes_brotli", "app.wasm.br"},
	} {
		st, err := os.Stat(filepath.Join(root, "web", f.file))
		if err != nil {
			return fmt.Errorf("%s: %w (run make wasm)", f.file, err)
		}
		out.Int(f.key, st.Size())
	}
	return nil
}

// measureCryptoSize reports what end-to-end encryption adds to the download:
// the same WASM built without the goolm tag, where the encryption compiles
// to stubs (matrix/crypto_off.go), against web/app.wasm.br. Issue 13 allows
// at most 300,000 bytes of brotli for it.
func measureCryptoSize(root string, out *report) error {
	with, err := os.Stat(filepath.Join(root, "web", "app.wasm.br"))
	if err != nil {
		return fmt.Errorf("app.wasm.br: %w (run make wasm)", err)
	}
	modFile, err := wasmbuild.ModFile(root)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "hm-nocrypto-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "app.wasm")
	tags := strings.TrimPrefix(strings.ReplaceAll(wasmbuild.Tags, "goolm", ""), ",")
	build := exec.Command("go", "build", "-tags", tags, "-modfile", modFile, "-trimpath", "-ldflags=-s -w", "-o", wasm, "./app")
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building app.wasm without encryption: %v\n%s", err, b)
	}
	if b, err := exec.Command("brotli", "-f", "-q", "11", "-k", wasm).CombinedOutput(); err != nil {
		return fmt.Errorf("brotli: %v\n%s", err, b)
	}
	without, err := os.Stat(wasm + ".br")
	if err != nil {
		return err
	}
	out.Int("wasm_crypto_bytes_brotli", with.Size()-without.Size())
	out.Detail("wasm_crypto_limit_bytes_brotli: 300000 (without encryption: %d)", without.Size())
	return nil
}

// wasmPackages is how many packages measureWasmPackages lists.
const wasmPackages = 15

// measureWasmPackages says where app.wasm's bytes go, so growth has a
// name: the same WASM built with its function names (internal/wasmsize),
// its code and data summed by Go package from the linker's symbols, the
// largest first, each with its share and its code's brotli size
// compressed on its own (an upper bound of its part of app.wasm.br).
func measureWasmPackages(root string, out *report) error {
	t, err := wasmsize.Measure(root)
	if err != nil {
		return err
	}
	out.Detail("wasm_code_bytes: %d (function bodies)", t.Code)
	out.Detail("wasm_data_bytes: %d (%d in packages' symbols, %d the linker's own tables: pclntab, type and itab lists, module data)",
		t.Data, t.NamedData, t.Data-t.NamedData)
	for i, p := range t.Packages {
		if i == wasmPackages {
			break
		}
		br, err := t.BrotliAlone(p.Path)
		if err != nil {
			return err
		}
		out.Detail("wasm_package_%02d: %d (code %d, data %d; %.1f%%; code brotli alone %d) %s",
			i+1, p.Total(), p.Bytes, p.DataBytes, t.Share(p), br, p.Path)
	}
	return nil
}
