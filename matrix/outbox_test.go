//go:build !js

package matrix

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// Messages queued before a "restart" (the tab closed before sending, or
// while a request was in flight) are in the KV; a new Client on the same KV
// sends each exactly once, including one the server had already received.
func TestOutboxSurvivesRestart(t *testing.T) { bothServers(t, testOutboxSurvivesRestart) }

func testOutboxSurvivesRestart(t *testing.T, srv homeserver) {
	ctx := testCtx(t, time.Minute)
	a := testUser(t, srv, "outbox")
	room, err := a.CreatePrivateRoom(ctx, "outbox")
	if err != nil {
		t.Fatal(err)
	}
	kv, err := NewFileKV(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.UseOutboxStore(kv); err != nil {
		t.Fatal(err)
	}
	var seen []PendingMessage
	var mu sync.Mutex
	a.OnOutboxChange(func(m PendingMessage) { mu.Lock(); seen = append(seen, m); mu.Unlock() })

	// 1: queued, never sent (the tab closed at once).
	q, err := a.Queue(room, "queued before the restart")
	if err != nil {
		t.Fatal(err)
	}
	// 2: delivered, but the process died before it learned so: its entry
	// still says "sending".
	lost, err := a.Send(ctx, room, "response was lost")
	if err != nil {
		t.Fatal(err)
	}
	a.outbox().mu.Lock()
	a.outbox().findLocked(lost.TxnID).State = StateSending
	a.outbox().saveLocked()
	a.outbox().mu.Unlock()
	// 3: failed for good; stays failed until the reader retries.
	f, _ := a.Queue(room, "failed earlier")
	a.outbox().update(f.TxnID, func(m *PendingMessage) {
		m.State, m.Failure = StateFailed, &Error{Kind: KindServerError, Server: "example.org"}
	})

	mu.Lock()
	if len(seen) == 0 || seen[0].TxnID != q.TxnID || seen[0].State != StatePending {
		t.Errorf("observer did not see the queued message first: %+v", seen)
	}
	mu.Unlock()

	// The restart: a new client, same session, same storage.
	b := testClient(t, a.Session())
	ct := count(b)
	if err := b.UseOutboxStore(kv); err != nil {
		t.Fatal(err)
	}
	states := map[string]MessageState{}
	for _, m := range b.Outbox() {
		states[m.Body] = m.State
	}
	want := map[string]MessageState{"queued before the restart": StatePending, "response was lost": StatePending, "failed earlier": StateFailed}
	for body, st := range want {
		if states[body] != st {
			t.Errorf("after reload %q is %q, want %q (all: %v)", body, states[body], st, states)
		}
	}

	done, err := b.ResumeOutbox(ctx)
	if err != nil || len(done) != 2 {
		t.Fatalf("ResumeOutbox = %+v, %v; want 2 delivered", done, err)
	}
	for _, m := range done {
		if m.State != StateSent {
			t.Errorf("%q ended %s", m.Body, m.State)
		}
		if m.TxnID == lost.TxnID && m.EventID != lost.EventID {
			t.Errorf("resent message got event %s, want the original %s", m.EventID, lost.EventID)
		}
	}
	// A second resume (say, two reloads in a row) has nothing left to send.
	if again, err := b.ResumeOutbox(ctx); err != nil || len(again) != 0 {
		t.Errorf("second ResumeOutbox = %+v, %v; want nothing", again, err)
	}
	// One send, for the queued message; the in-doubt one is found by the
	// lookup (a sync, or a few while Dendrite's sync database catches up
	// with a send it has just stored), never sent again.
	if n := ct.method(http.MethodPut); n != 1 {
		t.Errorf("%d sends, want 1: the queued message only (the in-doubt one must be looked up, not resent)", n)
	}
	if n := ct.method(http.MethodGet); n == 0 {
		t.Error("no lookup for the in-doubt message")
	}
	got := bodiesInRoom(t, b, room, 2)
	if got["queued before the restart"] != 1 || got["response was lost"] != 1 || got["failed earlier"] != 0 {
		t.Errorf("room holds %v; want each resumed message once and the failed one not at all", got)
	}

	// What is left in storage: only the failed message.
	c := testClient(t, a.Session())
	if err := c.UseOutboxStore(kv); err != nil {
		t.Fatal(err)
	}
	if left := c.Outbox(); len(left) != 1 || left[0].TxnID != f.TxnID || left[0].Failure == nil || left[0].Failure.Kind != KindServerError || left[0].Failure.Server != "example.org" {
		t.Errorf("storage holds %+v, want just the failed message", left)
	}
	if m, err := c.Retry(ctx, f.TxnID); err != nil || m.State != StateSent {
		t.Errorf("Retry of the failed message = %+v, %v", m, err)
	}
	if err := c.Discard(f.TxnID); err != nil {
		t.Errorf("Discard: %v", err)
	}
	if raw, ok, _ := kv.Get(outboxKey(a.Session().UserID)); ok {
		t.Errorf("storage still holds %s after everything was sent", raw)
	}
}

// Transaction IDs must differ across restarts (a per-process counter would
// start at 1 again and make the server return an old event instead of
// sending the new message).
func TestOutboxTxnIDsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	now := time.Now()
	for range 10000 {
		id := newTxnID(now)
		if seen[id] {
			t.Fatalf("duplicate transaction ID %q", id)
		}
		seen[id] = true
	}
}

// The widget may subscribe (and even queue) before it attaches storage;
// both carry over, and unsubscribing still works afterwards.
func TestOutboxObserversAndLateStore(t *testing.T) {
	c := testClient(t, Session{HomeserverURL: "http://127.0.0.1:1", UserID: "@late:example.org", AccessToken: "x"})
	var got []MessageState
	var mu sync.Mutex
	stop := c.OnOutboxChange(func(m PendingMessage) { mu.Lock(); got = append(got, m.State); mu.Unlock() })
	early, err := c.Queue("!room:example.org", "queued before storage")
	if err != nil {
		t.Fatal(err)
	}
	kv := NewMemoryKV()
	if err := c.UseOutboxStore(kv); err != nil {
		t.Fatal(err)
	}
	if raw, ok, _ := kv.Get(outboxKey("@late:example.org")); !ok || !strings.Contains(string(raw), early.TxnID) {
		t.Errorf("early message not persisted: %s", raw)
	}
	c.Queue("!room:example.org", "after")
	stop()
	c.Queue("!room:example.org", "unheard")
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Errorf("observer saw %v, want two pending notifications", got)
	}
	if n := len(c.Outbox()); n != 3 {
		t.Errorf("outbox holds %d messages, want 3", n)
	}
}
