// Package dendritetest gives tests a real Dendrite through one helper.
package dendritetest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"hellomatrix/internal/dendrite"
)

var (
	sharedOnce sync.Once
	shared     *dendrite.Server
	sharedErr  error
)

// Main runs a package's tests and stops the shared server afterwards. Call it
// from TestMain: func TestMain(m *testing.M) { dendritetest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}

// Shared returns the test binary's one open-registration server, starting it
// on first use. Tests that share it must use their own user names.
func Shared(tb testing.TB) *dendrite.Server {
	tb.Helper()
	sharedOnce.Do(func() {
		shared, sharedErr = start(dendrite.Options{Fast: true})
	})
	if sharedErr != nil {
		tb.Fatalf("starting Dendrite: %v", sharedErr)
	}
	return shared
}

// Start runs a dedicated server with the given options, stopped when the test
// ends. Fast is always on.
func Start(tb testing.TB, o dendrite.Options) *dendrite.Server {
	tb.Helper()
	o.Fast = true
	s, err := start(o)
	if err != nil {
		tb.Fatalf("starting Dendrite: %v", err)
	}
	tb.Cleanup(func() { s.Stop() })
	return s
}

func start(o dendrite.Options) (*dendrite.Server, error) {
	// A cold build takes minutes; starting takes seconds.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	return dendrite.Start(ctx, o)
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
