//go:build !js

package matrix

import (
	"testing"

	"hellomatrix/internal/dendrite/dendritetest"
)

// TestMain runs the package's tests against a real Dendrite (started on
// first use by dendritetest.Shared) and stops it afterwards.
func TestMain(m *testing.M) { dendritetest.Main(m) }
