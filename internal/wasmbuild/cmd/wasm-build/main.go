// Command wasm-build builds web/app.wasm with its precompressed copies and
// wasm_exec.js, and prints their sizes (`make wasm`). With -modfile it only
// prepares the patched mautrix and prints the alternate go.mod's path, for
// other js/wasm builds of the module's packages (`make check-wasm`).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"hellomatrix/internal/wasmbuild"
)

func main() {
	modFileOnly := flag.Bool("modfile", false, "only prepare the WASM's go.mod and print its path")
	flag.Parse()
	root, err := wasmbuild.RepoRoot()
	if err != nil {
		fail(err)
	}
	if *modFileOnly {
		p, err := wasmbuild.ModFile(root)
		if err != nil {
			fail(err)
		}
		fmt.Println(p)
		return
	}
	if err := wasmbuild.Build(root); err != nil {
		fail(err)
	}
	for _, name := range []string{"app.wasm", "app.wasm.gz", "app.wasm.br"} {
		p := filepath.Join(root, "web", name)
		info, err := os.Stat(p)
		if err != nil {
			fail(err)
		}
		fmt.Printf("%d web/%s\n", info.Size(), name)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
