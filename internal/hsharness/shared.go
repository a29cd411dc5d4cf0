package hsharness

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"
)

// StartTimeout bounds a test helper's start of a server: a cold install or
// build takes minutes; a start takes seconds.
const StartTimeout = 15 * time.Minute

// Server is what a harness's server offers the shared-instance helpers.
type Server interface{ Stop() error }

// Instance is one server a whole test binary shares, started by the first
// test that asks and stopped by TestMain.
type Instance[S Server] struct {
	once    sync.Once
	srv     S
	err     error
	started bool
}

// Get returns the instance, calling start (with a StartTimeout context) on
// first use; every later call gets the same server or the same error.
func (in *Instance[S]) Get(start func(context.Context) (S, error)) (S, error) {
	in.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
		defer cancel()
		in.srv, in.err = start(ctx)
		in.started = in.err == nil
	})
	return in.srv, in.err
}

// Stop stops the instance if it was started.
func (in *Instance[S]) Stop() {
	if in.started {
		in.srv.Stop()
	}
}

// Main runs a package's tests (m is its *testing.M), then calls each stop
// (the shared servers'), and exits with the tests' code. This package does not
// import testing, so the harnesses that use it do not either.
func Main(m interface{ Run() int }, stop ...func()) {
	code := m.Run()
	for _, f := range stop {
		f()
	}
	os.Exit(code)
}

// StartFor runs a dedicated server for one test, stopped when it ends; a
// failure to start fails the test with "starting <what>: <error>".
func StartFor[S Server](tb TB, what string, start func(context.Context) (S, error)) S {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
	defer cancel()
	s, err := start(ctx)
	if err != nil {
		tb.Fatalf("starting %s: %v", what, err)
	}
	tb.Cleanup(func() { s.Stop() })
	return s
}

// UniqueName returns a user name nobody else in this test binary has used:
// the prefix, the process id (test binaries sharing a server differ by it)
// and a counter.
func UniqueName(prefix string) string {
	names.Lock()
	defer names.Unlock()
	names.n++
	return fmt.Sprintf("%s%d_%d", prefix, os.Getpid()%10000, names.n)
}

var names struct {
	sync.Mutex
	n int
}

// TB is the part of testing.TB that StartFor uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}
