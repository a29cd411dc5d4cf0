//go:build !wasm

package reading

import (
	"testing"
)

func TestHighlight(t *testing.T) {
	got := highlightHTML("Your Homeserver & its homeservers", "homeserver")
	want := "Your <mark>Homeserver</mark> &amp; its <mark>homeserver</mark>s"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
