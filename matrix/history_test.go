//go:build !js

package matrix

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"
)

// Display names and older history, on each homeserver: Alice (with a name
// full of markup and a bidi override) writes 25 messages in a public room
// and Bob (named plainly) joins and writes one. Bob's first sync brings the
// newest 20 with a token for what came before; walking back with Earlier
// brings the other 5, each once, oldest first, and then says there is
// nothing older. Every message carries its sender's display name: from the
// sync's lazy-loaded members, and, on a fresh client that has never synced,
// from the members /messages sends along.
func TestHistoryNamesAndPaging(t *testing.T) { roomServers(t, testHistoryNamesAndPaging) }

func testHistoryNamesAndPaging(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 3*time.Minute)
	alice, bob := testUser(t, srv, "alice"), testUser(t, srv, "bob")
	const aliceName = "Alice <b>Liddell</b>"
	if err := alice.API().SetDisplayName(ctx, aliceName+"\u202e"); err != nil {
		t.Fatalf("setting Alice's name: %v", err)
	}
	if err := bob.API().SetDisplayName(ctx, "Bob"); err != nil {
		t.Fatalf("setting Bob's name: %v", err)
	}
	room, err := alice.CreatePublicRoom(ctx, "History", uniqueName("history"))
	if err != nil {
		t.Fatalf("CreatePublicRoom: %v", err)
	}
	if _, err := bob.JoinRoom(ctx, string(room)); err != nil {
		t.Fatalf("Bob joining: %v", err)
	}
	const total = 25
	for i := 1; i <= total; i++ {
		if _, err := alice.Send(ctx, room, fmt.Sprintf("history %02d", i)); err != nil {
			t.Fatalf("Send %d: %v", i, err)
		}
	}
	if _, err := bob.Send(ctx, room, "bob here"); err != nil {
		t.Fatalf("Bob's Send: %v", err)
	}
	bodiesInRoom(t, bob, room, total+1) // Dendrite's /messages catches up a moment later

	// Bob's first sync: the newest messages, and where the older begin.
	synced := make(chan RoomMessage, 100)
	earlier := make(chan string, 10)
	syncCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- bob.Sync(syncCtx, SyncHandler{
			Message: func(m RoomMessage) { synced <- m },
			Earlier: func(r id.RoomID, from string) {
				if r == room {
					earlier <- from
				}
			},
		})
	}()
	var from string
	select {
	case from = <-earlier:
	case err := <-done:
		t.Fatalf("Sync returned: %v", err)
	case <-ctx.Done():
		t.Fatal("the first sync gave no token for the room's older history")
	}
	var got []RoomMessage
	for len(got) < 20 {
		select {
		case m := <-synced:
			if m.RoomID == room {
				got = append(got, m)
			}
		case <-ctx.Done():
			t.Fatalf("the first sync brought %d messages of the room, want at least 20", len(got))
		}
	}
	stop()
	<-done
	for len(synced) > 0 {
		if m := <-synced; m.RoomID == room {
			got = append(got, m)
		}
	}

	// Back through the older ones, ten at a time, until there are none.
	pages := 0
	for from != "" {
		if pages++; pages > 10 {
			t.Fatalf("Earlier kept giving tokens after %d pages", pages)
		}
		page, err := bob.Earlier(ctx, room, from, 10)
		if err != nil {
			t.Fatalf("Earlier page %d: %v", pages, err)
		}
		got = append(page.Messages, got...)
		from = page.Earlier
	}
	checkHistory(t, "sync then Earlier", got, alice.Session().UserID, bob.Session().UserID, aliceName, total)

	// A client that never synced learns the names from /messages alone.
	fresh := testClient(t, bob.Session())
	page, err := fresh.Earlier(ctx, room, "", 50)
	if err != nil {
		t.Fatalf("Earlier on a fresh client: %v", err)
	}
	checkHistory(t, "Earlier from the newest", page.Messages, alice.Session().UserID, bob.Session().UserID, aliceName, total)
	if page.Earlier != "" {
		// Fifty is more than the room holds: the next step finds nothing.
		next, err := fresh.Earlier(ctx, room, page.Earlier, 50)
		if err != nil || len(next.Messages) != 0 || next.Earlier != "" {
			t.Errorf("past the room's start Earlier = %d messages, token %q, %v; want none, \"\" and no error", len(next.Messages), next.Earlier, err)
		}
	}
}

// checkHistory wants Alice's total messages and Bob's one, each once and in
// order, with the senders' names and Bob's marked as his own.
func checkHistory(t *testing.T, what string, got []RoomMessage, alice, bob id.UserID, aliceName string, total int) {
	t.Helper()
	var bodies []string
	for _, m := range got {
		bodies = append(bodies, m.Body)
		switch m.Sender {
		case alice:
			if m.SenderName != aliceName || m.Own {
				t.Errorf("%s: Alice's %q has name %q, own %v; want %q (markup kept as text, the override gone) and not own", what, m.Body, m.SenderName, m.Own, aliceName)
			}
		case bob:
			if m.SenderName != "Bob" || !m.Own {
				t.Errorf("%s: Bob's %q has name %q, own %v; want Bob and own", what, m.Body, m.SenderName, m.Own)
			}
		}
	}
	var want []string
	for i := 1; i <= total; i++ {
		want = append(want, fmt.Sprintf("history %02d", i))
	}
	want = append(want, "bob here")
	if strings.Join(bodies, "|") != strings.Join(want, "|") {
		t.Errorf("%s: the room reads\n%v\nwant\n%v", what, bodies, want)
	}
}

// Display names are cleaned to one line of text before anyone shows them.
func TestCleanName(t *testing.T) {
	long := strings.Repeat("n", 100)
	for _, tc := range []struct{ in, want string }{
		{"Alice", "Alice"},
		{"  Alice \n  Liddell\t", "Alice Liddell"},
		{"evil\u202eeman", "evil eman"},
		{"zero\u200bwidth", "zero width"},
		{"<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"},
		{"\u0000\u0007", ""},
		{long, strings.Repeat("n", maxNameRunes-1) + "…"},
	} {
		if got := cleanName(tc.in); got != tc.want {
			t.Errorf("cleanName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
