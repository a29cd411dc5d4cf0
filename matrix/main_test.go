//go:build !js

package matrix

import (
	"os"
	"testing"
)

// TestMain runs the package's tests against real homeservers (the shared
// Synapse and Dendrite of homeservers_test.go, and the scenario Synapses,
// started on first use) and stops them afterwards.
func TestMain(m *testing.M) {
	code := m.Run()
	stopShared()
	os.Exit(code)
}
