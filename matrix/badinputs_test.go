package matrix

import (
	"os"
	"sync"
	"testing"
)

// badInputsMu serialises appends from parallel subtests.
var badInputsMu sync.Mutex

// recordBadInput notes that the bad-input case name had its reader-facing
// sentence checked, by appending it to the file named by $BAD_INPUTS_OUT
// (only when set). `make robustness` counts the unique lines, so the figure
// it prints is what the tests really checked, not a number kept by hand.
func recordBadInput(t *testing.T, name string) {
	t.Helper()
	out := os.Getenv("BAD_INPUTS_OUT")
	if out == "" {
		return
	}
	badInputsMu.Lock()
	defer badInputsMu.Unlock()
	f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatalf("recording bad inputs: %v", err)
	}
	defer f.Close()
	if _, err := f.WriteString("matrix/" + name + "\n"); err != nil {
		t.Fatalf("recording bad inputs: %v", err)
	}
}
