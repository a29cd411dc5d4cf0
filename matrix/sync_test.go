//go:build !js

package matrix

import (
	"net/url"
	"testing"
	"time"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/synapse"
)

// The core flow of the chapters: A makes a private room and invites B, B
// sees the invite through Sync, joins, and receives A's message live; A's
// own Sync sees the echo with its transaction ID and the outbox agrees.
func TestSyncCoreFlow(t *testing.T) { roomServers(t, testSyncCoreFlow) }

func testSyncCoreFlow(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	a, b := testUser(t, srv, "alice"), testUser(t, srv, "bob")

	bSync := startSync(t, b)
	room, err := a.CreatePrivateRoom(ctx, "Alice and Bob", b.Session().UserID)
	if err != nil {
		t.Fatalf("CreatePrivateRoom: %v", err)
	}
	inv := bSync.waitInvite(t, 40*time.Second, room)
	if inv.Inviter != a.Session().UserID || inv.RoomName != "Alice and Bob" {
		t.Errorf("invite = %+v, want inviter %s and the room's name", inv, a.Session().UserID)
	}
	if joined, err := b.JoinRoom(ctx, string(room)); err != nil || joined != room {
		t.Fatalf("B JoinRoom(%s) = %s, %v", room, joined, err)
	}

	aSync := startSync(t, a)
	sent, err := a.Send(ctx, room, "Hello Bob, this is Alice")
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if sent.State != StateSent || sent.EventID == "" || sent.TxnID == "" {
		t.Fatalf("Send returned %+v", sent)
	}

	got := bSync.waitMessage(t, 40*time.Second, func(m RoomMessage) bool { return m.RoomID == room })
	if got.Body != "Hello Bob, this is Alice" || got.Sender != a.Session().UserID || got.EventID != sent.EventID ||
		got.MsgType != "m.text" || got.Own || got.TxnID != "" || got.Timestamp.IsZero() || got.Initial {
		t.Errorf("B received %+v; want A's message %s", got, sent.EventID)
	}
	echo := aSync.waitMessage(t, 40*time.Second, func(m RoomMessage) bool { return m.EventID == sent.EventID })
	if echo.TxnID != sent.TxnID || !echo.Own {
		t.Errorf("A's echo = %+v, want transaction ID %q and Own", echo, sent.TxnID)
	}

	rooms, err := b.JoinedRooms(ctx)
	if err != nil {
		t.Fatalf("JoinedRooms: %v", err)
	}
	found := false
	for _, r := range rooms {
		if r.ID == room {
			found = r.Name == "Alice and Bob" && r.Title() == "Alice and Bob"
		}
	}
	if !found {
		t.Errorf("JoinedRooms = %+v, want %s named Alice and Bob", rooms, room)
	}

	hist, err := b.History(ctx, room, 10)
	if err != nil || len(hist) != 1 || hist[0].EventID != sent.EventID {
		t.Errorf("History = %+v, %v; want just A's message", hist, err)
	}

	// Cancelling stops the long poll at once, not after its 30 s.
	start := time.Now()
	bSync.cancel()
	select {
	case err := <-bSync.done:
		bSync.done <- err
		if err != nil {
			t.Errorf("Sync returned %v on cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Sync still running 5 s after cancel")
	}
	t.Logf("Sync stopped %s after cancel", time.Since(start).Round(time.Millisecond))
}

// A signed-out token must end Sync with KindTokenExpired, not loop forever.
func TestSyncStopsOnUnknownToken(t *testing.T) { bothServers(t, testSyncStopsOnUnknownToken) }

func testSyncStopsOnUnknownToken(t *testing.T, srv homeserver) {
	a := testUser(t, srv, "expired")
	s := a.Session()
	s.AccessToken = "not-a-valid-token"
	c := testClient(t, s)
	done := make(chan error, 1)
	go func() { done <- c.Sync(testCtx(t, time.Minute), SyncHandler{}) }()
	select {
	case err := <-done:
		if KindOf(err) != KindTokenExpired {
			t.Fatalf("Sync = %v, want KindTokenExpired", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Sync did not stop on M_UNKNOWN_TOKEN")
	}
}

// A homeserver restart must not end the chat: Sync reports the outage and
// keeps going, a send during the outage fails with a sentence after a few
// tries, and Retry delivers it once the server is back, exactly once.
func TestSyncSurvivesServerRestart(t *testing.T) {
	// Each server in its own folder, so it can be stopped and started again
	// on the same address with its data.
	dirs := map[string]string{"synapse": t.TempDir(), "dendrite": t.TempDir()}
	eachServer(t, map[string]func(testing.TB) homeserver{
		"synapse":  func(t testing.TB) homeserver { return startSynapse(t, synapse.Options{Dir: dirs["synapse"]}) },
		"dendrite": func(t testing.TB) homeserver { return startDendrite(t, dendrite.Options{Dir: dirs["dendrite"]}) },
	}, func(t *testing.T, srv homeserver) { testSyncSurvivesServerRestart(t, srv, dirs[srv.Kind]) })
}

func testSyncSurvivesServerRestart(t *testing.T, srv homeserver, dir string) {
	ctx := testCtx(t, 4*time.Minute)
	a, b := testUser(t, srv, "restart_a"), testUser(t, srv, "restart_b")
	a.retry = &retryPolicy{Transient: 2, RateLimited: 5, Backoff: 100 * time.Millisecond, MaxBackoff: time.Second, MaxRateWait: time.Minute, RateDefault: time.Second}
	room, err := a.CreatePrivateRoom(ctx, "restart", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	bSync := startSync(t, b)
	if _, err := a.Send(ctx, room, "before the restart"); err != nil {
		t.Fatal(err)
	}
	bSync.waitMessage(t, 40*time.Second, func(m RoomMessage) bool { return m.Body == "before the restart" })

	if srv.syn != nil {
		srv.syn.Stop()
	} else {
		srv.den.Stop()
	}
	// Sync notices (its long poll breaks) and says it is retrying.
	waitStatus(t, bSync, 40*time.Second, func(s SyncStatus) bool { return !s.Connected && s.Err != nil })

	failed, err := a.Send(ctx, room, "sent during the outage")
	if err == nil || failed == nil || failed.State != StateFailed || failed.Failure == nil || failed.ErrorKind != failed.Failure.Kind {
		t.Fatalf("Send while the server is down = %+v, %v; want a failed message saying why", failed, err)
	}
	if k := KindOf(err); k != KindUnreachable && k != KindNetworkDown {
		t.Errorf("Send while down: kind %s (%v), want unreachable", k, err)
	}
	if failed.Attempts != 3 {
		t.Errorf("attempts = %d, want 1 + 2 retries", failed.Attempts)
	}

	u, _ := url.Parse(srv.URL)
	if srv.syn != nil {
		srv2, err := synapse.Start(ctx, synapse.Options{Dir: dir, Addr: u.Host, SharedSecret: srv.syn.SharedSecret, Fast: true})
		if err != nil {
			t.Fatalf("restarting Synapse: %v", err)
		}
		t.Cleanup(func() { srv2.Stop() })
	} else {
		srv2, err := dendrite.Start(ctx, dendrite.Options{Dir: dir, Addr: u.Host, SharedSecret: srv.den.SharedSecret, Fast: true})
		if err != nil {
			t.Fatalf("restarting Dendrite: %v", err)
		}
		t.Cleanup(func() { srv2.Stop() })
	}

	again, err := a.Retry(ctx, failed.TxnID)
	if err != nil || again.State != StateSent || again.TxnID != failed.TxnID {
		t.Fatalf("Retry after restart = %+v, %v", again, err)
	}
	got := bSync.waitMessage(t, 60*time.Second, func(m RoomMessage) bool { return m.RoomID == room })
	if got.Body != "sent during the outage" || got.EventID != again.EventID {
		t.Errorf("after restart B got %+v, want the retried message", got)
	}
	if n := bodiesInRoom(t, b, room, 1)["sent during the outage"]; n != 1 {
		t.Errorf("retried message is in the room %d times, want 1", n)
	}
}

func waitStatus(t *testing.T, r *syncRecorder, within time.Duration, ok func(SyncStatus) bool) {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case s := <-r.status:
			if ok(s) {
				return
			}
		case <-deadline:
			t.Fatalf("no matching sync status within %s", within)
		}
	}
}
