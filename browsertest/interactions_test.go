package browsertest

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// The interaction counts of each sign-up and log-in path the browser tests
// walk through, from the reader's side: every click and every field filled
// in is one (see reader). Each test reports its path once it reaches the
// end (a first message, or being signed in); TestMain prints the table when
// the package is done, so one run gives the figures for the note.

type interactionRow struct {
	path, homeserver string
	n                int32
}

var interactionTable struct {
	mu   sync.Mutex
	rows []interactionRow
}

// reportInteractions records that a reader finished path on homeserver
// (in the page) with n interactions, and prints it at once too.
func reportInteractions(t *testing.T, path, homeserver string, n int32) {
	t.Helper()
	fmt.Printf("interactions: %s | %s | in the page | %d\n", path, homeserver, n)
	interactionTable.mu.Lock()
	defer interactionTable.mu.Unlock()
	for _, r := range interactionTable.rows {
		if r.path == path && r.homeserver == homeserver {
			if r.n != n {
				t.Logf("%s on %s took %d interactions here, %d in an earlier run of it", path, homeserver, n, r.n)
			}
			return
		}
	}
	interactionTable.rows = append(interactionTable.rows, interactionRow{path, homeserver, n})
}

// printInteractionTable writes the recorded paths as a Markdown table, to
// standard output and, like reportFigure, to $FIGURES_OUT, so `make test`
// shows it without -v.
func printInteractionTable() {
	interactionTable.mu.Lock()
	defer interactionTable.mu.Unlock()
	if len(interactionTable.rows) == 0 {
		return
	}
	var table strings.Builder
	table.WriteString("\n| path | homeserver | in the page | interactions |\n| --- | --- | --- | --- |\n")
	for _, r := range interactionTable.rows {
		fmt.Fprintf(&table, "| %s | %s | yes | %d |\n", r.path, r.homeserver, r.n)
	}
	if err := printFigures(table.String()); err != nil {
		fmt.Fprintln(os.Stderr, "recording the interaction table:", err)
	}
}

// reportFigure prints one of the figures the project promises, as
// "name: n", and appends the same line to $FIGURES_OUT when it is set:
// go test shows a passing package's output only with -v, so `make test`
// passes a file and prints it afterwards.
func reportFigure(t *testing.T, name string, n int32) {
	t.Helper()
	if err := printFigures(fmt.Sprintf("%s: %d\n", name, n)); err != nil {
		t.Fatalf("recording %s: %v", name, err)
	}
}

// printFigures prints text and appends it to $FIGURES_OUT when it is set.
func printFigures(text string) error {
	fmt.Print(text)
	out := os.Getenv("FIGURES_OUT")
	if out == "" {
		return nil
	}
	f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(text)
	return err
}
