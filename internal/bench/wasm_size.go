package main

import (
	"fmt"
	"os"
	"path/filepath"
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
