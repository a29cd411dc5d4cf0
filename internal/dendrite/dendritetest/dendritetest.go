package dendritetest

import (
	"context"
	"testing"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/hsharness"
)

var shared hsharness.Instance[*dendrite.Server]

// Main runs a package's tests and stops the shared server afterwards. Call it
// from TestMain: func TestMain(m *testing.M) { dendritetest.Main(m) }.
func Main(m *testing.M) { hsharness.Main(m, shared.Stop) }

// Shared returns the test binary's one open-registration server, starting it
// on first use. Tests that share it must use their own user names.
func Shared(tb testing.TB) *dendrite.Server {
	tb.Helper()
	s, err := shared.Get(start(dendrite.Options{}))
	if err != nil {
		tb.Fatalf("starting Dendrite: %v", err)
	}
	return s
}

// Start runs a dedicated server with the given options, stopped when the test
// ends. Fast is always on.
func Start(tb testing.TB, o dendrite.Options) *dendrite.Server {
	tb.Helper()
	return hsharness.StartFor(tb, "Dendrite", start(o))
}

func start(o dendrite.Options) func(context.Context) (*dendrite.Server, error) {
	o.Fast = true
	return func(ctx context.Context) (*dendrite.Server, error) { return dendrite.Start(ctx, o) }
}

// UniqueName returns a user name nobody else in this test binary has used.
func UniqueName(prefix string) string { return hsharness.UniqueName(prefix) }
