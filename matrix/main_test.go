//go:build !js

package matrix

import (
	"os"
	"testing"
)

// TestMain runs the package's tests against real homeservers (the shared
// Synapse and Dendrite of homeservers_test.go, started on first use) and
// stops them afterwards.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared.syn != nil {
		shared.syn.Stop()
	}
	if shared.den != nil {
		shared.den.Stop()
	}
	os.Exit(code)
}
