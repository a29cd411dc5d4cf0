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
	tags := strings.TrimPrefix(strings.ReplaceAll(wasmbuild.Tags, "goolm", ""), ",")
	without, err := variantBrotli(root, "without encryption", tags)
	if err != nil {
		return err
	}
	out.Int("wasm_crypto_bytes_brotli", with.Size()-without)
	out.Detail("wasm_crypto_limit_bytes_brotli: 300000 (without encryption: %d)", without)
	return nil
}

// measureCatalogSize reports what the four translations of the guide's
// sentences add to the download: the same WASM built with English's
// catalog only, against web/app.wasm.br. Issue 22 allows at most 80,000
// bytes of brotli for them.
func measureCatalogSize(root string, out *report) error {
	with, err := os.Stat(filepath.Join(root, "web", "app.wasm.br"))
	if err != nil {
		return fmt.Errorf("app.wasm.br: %w (run make wasm)", err)
	}
	others, err := filepath.Glob(filepath.Join(root, "app", "words", "messages", "*.json"))
	if err != nil {
		return err
	}
	var leftOut []string
	for _, f := range others {
		if filepath.Base(f) != "en.json" {
			rel, _ := filepath.Rel(root, f)
			leftOut = append(leftOut, rel)
		}
	}
	without, err := variantBrotli(root, "with English only", wasmbuild.Tags, leftOut...)
	if err != nil {
		return err
	}
	out.Int("wasm_catalogs_bytes_brotli", with.Size()-without)
	out.Detail("wasm_catalogs_limit_bytes_brotli: 80000 (before: %d with English only; after: %d with %d languages)", without, with.Size(), len(others))
	return nil
}

// variantBrotli builds a variant of app.wasm (wasmbuild.BuildVariant) and
// returns its brotli size.
func variantBrotli(root, what, tags string, without ...string) (int64, error) {
	dir, err := os.MkdirTemp("", "hm-variant-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "app.wasm")
	if err := wasmbuild.BuildVariant(root, wasm, tags, without...); err != nil {
		return 0, fmt.Errorf("building app.wasm %s: %w", what, err)
	}
	if b, err := exec.Command("brotli", "-f", "-q", "11", "-k", wasm).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("brotli: %v\n%s", err, b)
	}
	st, err := os.Stat(wasm + ".br")
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
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
