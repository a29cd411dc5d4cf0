package sitetest

import (
	"os/exec"
	"strings"
	"testing"
)

// RunScript runs the Node script harness (which prints "FAIL ..." for each
// case that fails) with script, one of the guide's own, on its standard
// input: a check of the script's logic on stand-in pages, where the
// browser tests see it in real ones. Without Node the test is skipped.
func RunScript(t *testing.T, harness, script string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node to run the script with")
	}
	cmd := exec.Command(node, harness)
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(out), "FAIL") {
		t.Errorf("%s: %v\n%s", harness, err, out)
	}
}
