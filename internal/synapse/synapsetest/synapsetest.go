package synapsetest

import (
	"context"
	"testing"

	"hellomatrix/internal/hsharness"
	"hellomatrix/internal/synapse"
)

var shared hsharness.Instance[*synapse.Server]

// Main runs a package's tests and stops the shared server afterwards. Call it
// from TestMain: func TestMain(m *testing.M) { synapsetest.Main(m) }.
func Main(m *testing.M) { hsharness.Main(m, shared.Stop) }

// StopShared stops the shared server if a test started it, for a TestMain
// that shares other servers too: hsharness.Main(m, synapsetest.StopShared,
// oauthtest.StopShared).
func StopShared() { shared.Stop() }

// Shared returns the test binary's one open-registration server with raised
// rate limits, starting it on first use. Tests that share it must use their
// own user names.
func Shared(tb testing.TB) *synapse.Server {
	tb.Helper()
	s, err := shared.Get(start(synapse.Options{}))
	if err != nil {
		tb.Fatalf("starting Synapse: %v", err)
	}
	return s
}

// Start runs a dedicated server with the given options (one scenario),
// stopped when the test ends. Fast is always on.
func Start(tb testing.TB, o synapse.Options) *synapse.Server {
	tb.Helper()
	return hsharness.StartFor(tb, "Synapse", start(o))
}

func start(o synapse.Options) func(context.Context) (*synapse.Server, error) {
	o.Fast = true
	return func(ctx context.Context) (*synapse.Server, error) { return synapse.Start(ctx, o) }
}

// UniqueName returns a user name nobody else in this test binary has used.
func UniqueName(prefix string) string { return hsharness.UniqueName(prefix) }
