// Command synapse-ensure installs the pinned Synapse into the cache folder
// and migrates its template database if either is missing, then prints the
// install's folder. `make deps` runs it so the first test run does not spend
// its time installing a homeserver.
package main

import (
	"context"
	"fmt"
	"os"

	"hellomatrix/internal/synapse"
)

func main() {
	in, err := synapse.Ensure(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(in.Root)
}
