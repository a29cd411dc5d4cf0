package nodepkg

import (
	"context"
	"testing"
	"time"
)

// EnsureForTest is Ensure for tests: it fails the test (never skips) with
// Ensure's sentence when Node.js or the package cannot be had.
func EnsureForTest(tb testing.TB, dir, pkg string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	node, err := Ensure(ctx, dir, pkg)
	if err != nil {
		tb.Fatal(err)
	}
	return node
}
