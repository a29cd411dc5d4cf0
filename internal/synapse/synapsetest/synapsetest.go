// Package synapsetest gives tests a real Synapse through one helper, as
// internal/dendrite/dendritetest does for Dendrite. It runs on the test side.
package synapsetest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"hellomatrix/internal/synapse"
)

var (
	sharedOnce sync.Once
	shared     *synapse.Server
	sharedErr  error
)

// Main runs a package's tests and stops the shared server afterwards. Call it
// from TestMain: func TestMain(m *testing.M) { synapsetest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}

// Shared returns the test binary's one open-registration server with raised
// rate limits, starting it on first use. Tests that share it must use their
// own user names.
func Shared(tb testing.TB) *synapse.Server {
	tb.Helper()
	sharedOnce.Do(func() {
		shared, sharedErr = start(synapse.Options{})
	})
	if sharedErr != nil {
		tb.Fatalf("starting Synapse: %v", sharedErr)
	}
	return shared
}

// Start runs a dedicated server with the given options (one scenario),
// stopped when the test ends. Fast is always on.
func Start(tb testing.TB, o synapse.Options) *synapse.Server {
	tb.Helper()
	s, err := start(o)
	if err != nil {
		tb.Fatalf("starting Synapse: %v", err)
	}
	tb.Cleanup(func() { s.Stop() })
	return s
}

func start(o synapse.Options) (*synapse.Server, error) {
	o.Fast = true
	// A cold install takes a minute or two; starting takes seconds.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	return synapse.Start(ctx, o)
}

// UniqueName returns a user name nobody else in this test binary has used.
func UniqueName(prefix string) string {
	mu.Lock()
	defer mu.Unlock()
	counter++
	return fmt.Sprintf("%s%d_%d", prefix, os.Getpid()%10000, counter)
}

var (
	mu      sync.Mutex
	counter int
)
