//go:build !js

package matrix

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"hellomatrix/internal/faultproxy"
)

// Delivery through a network that misbehaves on purpose, on each server
// (bothServers). Sends and syncs go through faultproxy in front of the real
// homeserver; the checks read the room straight from it with readers that
// share no code with the core. Dendrite remembers transaction IDs per
// access token in memory, so these tests keep one token and one server
// process throughout (a server restart is TestSyncSurvivesServerRestart's
// subject).

// faultRates is a bad day on a mobile network: about a third of sends and
// syncs meet some trouble, and one in six loses its answer or never gets
// one.
var faultRates = faultproxy.Rates{Latency: 0.10, ServerError: 0.08, RateLimit: 0.05, Reset: 0.05, Drop: 0.08, Truncate: 0.04}

// A reader types 100 messages, one after another, tapping "try again" on
// any that fail. Each must be in the room exactly once, and the other
// member's Sync (through faults too) must show each exactly once.
func TestDeliveryUnderFaults(t *testing.T) { bothServers(t, testDeliveryUnderFaults) }

func testDeliveryUnderFaults(t *testing.T, srv homeserver) {
	const total = 100
	ctx := testCtx(t, 10*time.Minute)
	a, b := testUser(t, srv, "faults_a"), testUser(t, srv, "faults_b")
	room, err := a.CreatePrivateRoom(ctx, "Faults", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}

	seed := faultSeed(t, 1)
	sendProxy := startFaultProxy(t, srv.URL, seed, faultRates)
	syncProxy := startFaultProxy(t, srv.URL, seed+1, faultRates)
	sender := through(t, a, sendProxy.URL)
	sender.retry = &quickRetry
	bSync := startSync(t, through(t, b, syncProxy.URL))
	waitStatus(t, bSync, time.Minute, func(s SyncStatus) bool { return s.Connected })

	prefix := uniqueName("faults") + " message "
	var sent []string
	failedSends, retries := 0, 0
	for i := range total {
		body := fmt.Sprintf("%s%03d", prefix, i)
		m, err := sender.Send(ctx, room, body)
		if m == nil {
			t.Fatalf("Send(%q) returned no message: %v", body, err)
		}
		if m.State == StateFailed {
			failedSends++
		}
		retries += sendUntilSent(ctx, t, sender, m, 10)
		sent = append(sent, body)
	}
	// A last message straight to the server: once B's Sync shows it, every
	// earlier message has had its chance to appear (Sync keeps timeline
	// order), so no sleep is needed before counting.
	marker := prefix + "end"
	if _, err := a.Send(ctx, room, marker); err != nil {
		t.Fatal(err)
	}
	seenBySync := map[string]int{}
	for done := false; !done; {
		m := bSync.waitMessage(t, 3*time.Minute, func(m RoomMessage) bool { return m.RoomID == room })
		if m.Body == marker {
			done = true
		} else if m.Sender == a.Session().UserID {
			seenBySync[m.Body]++
		}
	}

	byHTTP := tallyOf(sent, readRoomHTTP(t, srv.URL, b.Session().AccessToken, room, a.Session().UserID, prefix+"0", total))
	byJS := tallyOf(sent, readRoomJSSDK(t, srv.URL, b.Session(), room, prefix+"0"))
	bySync := tallyOf(sent, seenBySync)

	figures := [][2]any{
		{"sent", len(sent)},
		{"delivered", byHTTP.Delivered},
		{"duplicates", byHTTP.Duplicates},
		{"lost", byHTTP.Lost},
		{"jssdk_delivered", byJS.Delivered},
		{"jssdk_duplicates", byJS.Duplicates},
		{"jssdk_lost", byJS.Lost},
		{"sync_delivered", bySync.Delivered},
		{"sync_duplicates", bySync.Duplicates},
		{"sync_lost", bySync.Lost},
		{"sends_failed_first_time", failedSends},
		{"retries", retries},
		{"seed", seed},
	}
	figures = append(figures, faultFigures("send_faults", sendProxy.Counts())...)
	figures = append(figures, faultFigures("sync_faults", syncProxy.Counts())...)
	report(t, figures)

	for name, got := range map[string]tally{"GET /messages": byHTTP, "matrix-js-sdk": byJS, "B's Sync": bySync} {
		if got != (tally{Delivered: total}) {
			t.Errorf("%s: %+v; want all %d delivered once, nothing else", name, got, total)
		}
	}
	if sendProxy.Counts().Injected() == 0 || syncProxy.Counts().Injected() == 0 {
		t.Errorf("no faults were injected (send %s; sync %s), so this proved nothing", sendProxy.Counts(), syncProxy.Counts())
	}
}

// The tab closes while messages are still going out through a bad network:
// storage keeps what it held at that instant (perhaps one message
// mid-request, the rest queued, maybe some failed). A new client on that
// storage resumes, still through faults, and every message is in the room
// exactly once: also one whose request was cut off inside the server,
// which Dendrite stores without remembering its transaction ID (Synapse
// too may have stored it; the in-doubt lookup settles it either way).
func TestOutboxResumeUnderFaults(t *testing.T) { bothServers(t, testOutboxResumeUnderFaults) }

func testOutboxResumeUnderFaults(t *testing.T, srv homeserver) {
	const total, dieAt = 30, 10
	ctx := testCtx(t, 5*time.Minute)
	a, b := testUser(t, srv, "resume_a"), testUser(t, srv, "resume_b")
	room, err := a.CreatePrivateRoom(ctx, "Resume", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	seed := faultSeed(t, 3)
	proxy := startFaultProxy(t, srv.URL, seed, faultRates)

	// First life: everything queued, then sent in order until it dies a
	// moment after message dieAt starts going out.
	first := through(t, a, proxy.URL)
	first.retry = &quickRetry
	kv := &crashKV{MemoryKV: NewMemoryKV()}
	if err := first.UseOutboxStore(kv); err != nil {
		t.Fatal(err)
	}
	prefix := uniqueName("resume") + " message "
	var sent []string
	for i := range total {
		body := fmt.Sprintf("%s%03d", prefix, i)
		if _, err := first.Queue(room, body); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, body)
	}
	firstCtx, die := context.WithCancel(ctx)
	var once sync.Once
	died := make(chan struct{})
	first.OnOutboxChange(func(m PendingMessage) {
		if m.State == StateSending && m.Body == sent[dieAt] {
			once.Do(func() {
				time.AfterFunc(30*time.Millisecond, func() { kv.crash(die); close(died) })
			})
		}
	})
	first.ResumeOutbox(firstCtx)
	select {
	case <-died:
	case <-ctx.Done():
		t.Fatalf("the first client never reached message %d", dieAt)
	}
	snapshot, ok, _ := kv.Get(outboxKey(a.Session().UserID))
	if !ok {
		t.Fatal("storage was empty at the moment of the crash")
	}

	// Second life: a new client on the surviving storage, through a proxy
	// with a fresh schedule.
	kv2 := NewMemoryKV()
	kv2.Set(outboxKey(a.Session().UserID), snapshot)
	second := through(t, a, startFaultProxy(t, srv.URL, seed+1, faultRates).URL)
	second.retry = &quickRetry
	if err := second.UseOutboxStore(kv2); err != nil {
		t.Fatal(err)
	}
	carried := second.Outbox()
	inDoubt := 0
	for _, m := range carried {
		if m.State == StateSending {
			t.Errorf("%q is still marked sending after the restart", m.Body)
		}
		if m.InDoubt {
			inDoubt++
		}
	}
	if len(carried) == 0 || carried[len(carried)-1].Body != sent[total-1] {
		t.Fatalf("storage carried %d messages, want the unsent tail up to the last one", len(carried))
	}
	resumed, _ := second.ResumeOutbox(ctx)
	retries := 0
	for _, m := range second.Outbox() {
		retries += sendUntilSent(ctx, t, second, &m, 10)
	}

	got := tallyOf(sent, readRoomHTTP(t, srv.URL, b.Session().AccessToken, room, a.Session().UserID, prefix, total))
	report(t, append([][2]any{
		{"resume_sent", total},
		{"resume_carried_over", len(carried)},
		{"resume_in_doubt", inDoubt},
		{"resume_resumed", len(resumed)},
		{"resume_retries", retries},
		{"resume_delivered", got.Delivered},
		{"resume_duplicates", got.Duplicates},
		{"resume_lost", got.Lost},
		{"resume_seed", seed},
	}, faultFigures("resume_faults", proxy.Counts())...))
	if got != (tally{Delivered: total}) {
		t.Errorf("room holds %+v; want all %d messages once", got, total)
		// Say where each missing or doubled message stood, so a failure
		// that shows once can be told apart from a slow read.
		counts := readRoomOnce(t, srv.URL, b.Session().AccessToken, room, a.Session().UserID, prefix)
		where := map[string]string{}
		for _, m := range carried {
			where[m.Body] = fmt.Sprintf("carried over as %s (in doubt %v)", m.State, m.InDoubt)
		}
		for _, m := range second.Outbox() {
			where[m.Body] += fmt.Sprintf(", now %s after %d attempts %v", m.State, m.Attempts, m.Failure)
		}
		for _, body := range sent {
			if counts[body] != 1 {
				state := where[body]
				if state == "" {
					state = "sent by the first client"
				}
				t.Logf("%q is in the room %d times: %s", body, counts[body], state)
			}
		}
	}
}

// crashKV is storage that stops taking writes at the instant its process
// dies, as a closed tab's localStorage does: whatever the dying client
// still does is not remembered.
type crashKV struct {
	*MemoryKV
	mu      sync.Mutex
	crashed bool
}

func (k *crashKV) Set(key string, v []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.crashed {
		return nil
	}
	return k.MemoryKV.Set(key, v)
}

func (k *crashKV) Delete(key string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.crashed {
		return nil
	}
	return k.MemoryKV.Delete(key)
}

// crash freezes the storage and kills the client (die cancels its context)
// in one step, so no write lands in between.
func (k *crashKV) crash(die func()) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.crashed = true
	die()
}
