//go:build !js

package matrix

import (
	"fmt"
	"testing"
	"time"

	"hellomatrix/internal/faultproxy"
)

// When more messages arrive during an outage than a sync's timeline holds
// (20), the server sends only the newest with "limited" set. Sync fetches
// the rest, so the reader sees every message once, in order.
func TestSyncFillsGapAfterOutage(t *testing.T) { roomServers(t, testSyncFillsGapAfterOutage) }

func testSyncFillsGapAfterOutage(t *testing.T, srv homeserver) {
	const during = 30
	ctx := testCtx(t, 3*time.Minute)
	a, b := testUser(t, srv, "gap_a"), testUser(t, srv, "gap_b")
	room, err := a.CreatePrivateRoom(ctx, "Gap", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	proxy := startFaultProxy(t, srv.URL, 1, faultproxy.Rates{})
	r := startSync(t, through(t, b, proxy.URL))
	waitStatus(t, r, time.Minute, func(s SyncStatus) bool { return s.Connected })
	// The reader has the room before the outage. Dendrite's sync can lag
	// behind a join: without this the room may first reach Sync after the
	// outage, and a room met for the first time has history, not a gap.
	prefix := uniqueName("gap") + " message "
	if _, err := a.Send(ctx, room, prefix+"hello"); err != nil {
		t.Fatal(err)
	}
	r.waitMessage(t, time.Minute, func(m RoomMessage) bool { return m.Body == prefix+"hello" })

	// The outage: every /sync now gets a 5xx. The long poll already at the
	// server still returns with the first message; the next one fails.
	proxy.SetRates(faultproxy.Rates{ServerError: 1})
	if _, err := a.Send(ctx, room, prefix+"before"); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, r, time.Minute, func(s SyncStatus) bool { return !s.Connected })
	var sent []string
	for i := range during {
		body := fmt.Sprintf("%s%03d", prefix, i)
		if _, err := a.Send(ctx, room, body); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, body)
	}
	proxy.SetRates(faultproxy.Rates{})
	marker := prefix + "end"
	if _, err := a.Send(ctx, room, marker); err != nil {
		t.Fatal(err)
	}

	var order []string
	counts := map[string]int{}
	for {
		m := r.waitMessage(t, 2*time.Minute, func(m RoomMessage) bool { return m.RoomID == room })
		if m.Body == marker {
			break
		}
		counts[m.Body]++
		if m.Body != prefix+"before" {
			order = append(order, m.Body)
		}
	}
	if got := tallyOf(sent, counts); got.Delivered != during || got.Duplicates != 0 || got.Lost != 0 {
		t.Errorf("after the outage Sync delivered %+v; want all %d once", got, during)
	}
	for i := 1; i < len(order); i++ {
		if order[i] < order[i-1] {
			t.Errorf("out of order: %q after %q", order[i], order[i-1])
		}
	}
}
