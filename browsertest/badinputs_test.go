package browsertest

import (
	"os"
	"testing"
)

// recordBadInput notes that the browser showed the reader the sentence for
// the bad-input case name, appending it to $BAD_INPUTS_OUT when set (see
// the matrix package's twin; `make robustness` counts unique lines). Call
// it after the visible text was asserted.
func recordBadInput(t *testing.T, name string) {
	t.Helper()
	out := os.Getenv("BAD_INPUTS_OUT")
	if out == "" {
		return
	}
	f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatalf("recording bad inputs: %v", err)
	}
	defer f.Close()
	if _, err := f.WriteString("browser/" + t.Name() + "/" + name + "\n"); err != nil {
		t.Fatalf("recording bad inputs: %v", err)
	}
}
