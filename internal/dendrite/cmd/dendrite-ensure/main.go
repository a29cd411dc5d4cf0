// Command dendrite-ensure builds the cached Dendrite binaries if they are
// missing and prints their folder. `make deps` runs it so the first test run
// does not spend its time compiling a homeserver.
package main

import (
	"context"
	"fmt"
	"os"

	"hellomatrix/internal/dendrite"
)

func main() {
	bin, err := dendrite.EnsureBinaries(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(bin)
}
