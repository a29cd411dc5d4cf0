// Command wasm-size prints where app.wasm's bytes go, by Go package (see
// internal/wasmsize):
//
//	go run ./internal/wasmsize/cmd/wasm-size [-n 15] [-brotli] [-funcs IMPORT/PATH]
package main

import (
	"flag"
	"fmt"
	"os"

	"hellomatrix/internal/wasmbuild"
	"hellomatrix/internal/wasmsize"
)

func main() {
	n := flag.Int("n", 15, "how many packages to list")
	brotli := flag.Bool("brotli", false, "estimate each listed package's brotli bytes (compressed alone)")
	funcs := flag.String("funcs", "", "list this package's largest functions instead")
	flag.Parse()
	root, err := wasmbuild.RepoRoot()
	if err != nil {
		fail(err)
	}
	t, err := wasmsize.Measure(root)
	if err != nil {
		fail(err)
	}
	if *funcs != "" {
		fs := t.Functions(*funcs)
		for i, f := range fs {
			if i == *n {
				break
			}
			fmt.Printf("%9d %s\n", f.Bytes, f.Name)
		}
		fmt.Printf("%d functions\n", len(fs))
		return
	}
	fmt.Printf("file %d bytes (built without -s, so with a name section): code %d, data %d of which %d in packages' symbols, %d the linker's own tables\n",
		t.Total, t.Code, t.Data, t.NamedData, t.Data-t.NamedData)
	fmt.Printf("%9s %9s %9s %6s %s\n", "bytes", "code", "data", "share", "package")
	for i, p := range t.Packages {
		if i == *n {
			break
		}
		line := fmt.Sprintf("%9d %9d %9d %5.1f%% %s", p.Total(), p.Bytes, p.DataBytes, t.Share(p), p.Path)
		if *brotli {
			b, err := t.BrotliAlone(p.Path)
			if err != nil {
				fail(err)
			}
			line = fmt.Sprintf("%s (code brotli alone %d)", line, b)
		}
		fmt.Println(line)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
