//go:build !js

package matrix

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/synapse"
)

// Sending the same transaction ID again (as Retry does after a lost
// response) must not create a second event: the server deduplicates on
// access token + transaction ID and answers with the original event ID.
func TestSendIdempotentResend(t *testing.T) { roomServers(t, testSendIdempotentResend) }

func testSendIdempotentResend(t *testing.T, srv homeserver) {
	ctx := testCtx(t, time.Minute)
	a := testUser(t, srv, "resend")
	room, err := a.CreatePrivateRoom(ctx, "resend")
	if err != nil {
		t.Fatal(err)
	}
	ct := count(a)
	first, err := a.Send(ctx, room, "only once please")
	if err != nil {
		t.Fatal(err)
	}
	// Pretend the response was lost: the message looks failed to us, though
	// the server has it. Retry must reuse the transaction ID.
	a.outbox().mu.Lock()
	a.outbox().findLocked(first.TxnID).State = StateFailed
	a.outbox().mu.Unlock()
	second, err := a.Retry(ctx, first.TxnID)
	if err != nil {
		t.Fatal(err)
	}
	if second.EventID != first.EventID || second.TxnID != first.TxnID || second.Attempts != 2 {
		t.Errorf("resend = %+v, want the first event %s after a second attempt", second, first.EventID)
	}
	// And straight through mautrix, to be sure the requests really repeated.
	resp, err := a.api.SendMessageEvent(ctx, room, event.EventMessage,
		&event.MessageEventContent{MsgType: event.MsgText, Body: "only once please"},
		mautrix.ReqSendEvent{TransactionID: first.TxnID})
	if err != nil || resp.EventID != first.EventID {
		t.Errorf("raw resend = %v, %v; want %s", resp, err, first.EventID)
	}
	if n := ct.requests.Load(); n != 3 {
		t.Errorf("%d requests, want 3 PUTs", n)
	}
	// Retrying a delivered message is a no-op.
	if again, err := a.Retry(ctx, first.TxnID); err != nil || again.State != StateSent || ct.requests.Load() != 3 {
		t.Errorf("Retry of a sent message = %+v, %v (requests %d)", again, err, ct.requests.Load())
	}
	if n := bodiesInRoom(t, a, room, 1)["only once please"]; n != 1 {
		t.Fatalf("message is in the room %d times, want exactly 1", n)
	}
}

// Empty and oversized messages are refused with typed errors before
// anything is stored or sent; a long message within the limit goes through.
func TestSendRejectsEmptyAndOversized(t *testing.T) { bothServers(t, testSendRejectsEmptyAndOversized) }

func testSendRejectsEmptyAndOversized(t *testing.T, srv homeserver) {
	ctx := testCtx(t, time.Minute)
	a := testUser(t, srv, "limits")
	room, err := a.CreatePrivateRoom(ctx, "limits")
	if err != nil {
		t.Fatal(err)
	}
	ct := count(a)
	for name, body := range map[string]string{"empty": "", "spaces only": "   ", "blank lines": "\n\t \n"} {
		m, err := a.Send(ctx, room, body)
		if KindOf(err) != KindEmptyMessage || m != nil {
			t.Errorf("Send(%q) = %v, %v; want KindEmptyMessage", body, m, err)
			continue
		}
		recordBadInput(t, t.Name()+"/"+name)
	}
	for name, body := range map[string]string{"70 KB ASCII": strings.Repeat("x", 70000), "33000 quotes": strings.Repeat("\"", 33000), "40000 accents": strings.Repeat("é", 40000)} {
		m, err := a.Send(ctx, room, body)
		if KindOf(err) != KindMessageTooLarge || m != nil {
			t.Errorf("Send(%d bytes) = %v, %v; want KindMessageTooLarge", len(body), m, err)
			continue
		}
		if ReasonOf(err) != ReasonOverEventSize {
			t.Errorf("Send(%d bytes): %v, want it found too large before sending", len(body), err)
		}
		recordBadInput(t, t.Name()+"/"+name)
	}
	if n := ct.requests.Load(); n != 0 {
		t.Errorf("refused messages made %d requests, want 0", n)
	}
	if ob := a.Outbox(); len(ob) != 0 {
		t.Errorf("refused messages reached the outbox: %+v", ob)
	}
	// Our margin must not refuse what the server accepts: 60 KB of text
	// (and "<" counted as one byte, as the server counts it) is fine.
	big := strings.Repeat("<", 30000) + strings.Repeat("a", 30000)
	if m, err := a.Send(ctx, room, big); err != nil || m.State != StateSent {
		t.Errorf("Send(60000 bytes) = %+v, %v; want sent", m, err)
	}
}

// Rate limits, met for real on each server where it has them.
//
// "send" runs on Synapse: its rc_message limit (here 1 message a second,
// burst 3, per user) answers PUT /send with 429 M_LIMIT_EXCEEDED and
// retry_after_ms. Three tabs of one reader send at once; every message must
// be in the room exactly once (by GET /messages and by matrix-js-sdk), and
// each tab's messages in the order typed. Dendrite 0.15.2 does not limit
// PUT /send at all (clientapi/routing/routing.go), so there it would prove
// nothing.
//
// "join" runs on Dendrite, whose limiter covers joins: a burst of joins
// meets its 429s with retry_after_ms, which JoinRoom waits out (the same
// retry code as Send). Synapse does not rate-limit joining a room one is
// already in, which is what the burst does.
func TestSendRateLimited(t *testing.T) {
	t.Run("send", func(t *testing.T) {
		t.Parallel()
		srv := startSynapse(t, synapse.Options{ExtraYAML: "rc_message: {per_second: 1, burst_count: 3}"})
		testSendRateLimitedSynapse(t, srv)
	})
	t.Run("join", func(t *testing.T) {
		t.Parallel()
		srv := startDendrite(t, dendrite.Options{RateLimiting: true})
		testJoinRateLimitedDendrite(t, srv)
	})
}

func testSendRateLimitedSynapse(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 3*time.Minute)
	a, b := testUser(t, srv, "burst_a"), testUser(t, srv, "burst_b")
	room, err := a.CreatePrivateRoom(ctx, "burst", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	const tabs, each = 3, 4
	prefix := uniqueName("burst") + " "
	var wg sync.WaitGroup
	errs := make(chan error, tabs*each)
	limited := make([]*countingTransport, tabs)
	start := time.Now()
	for tab := range tabs {
		c := testClient(t, a.Session()) // another tab: same token, own send queue
		limited[tab] = count(c)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				m, err := c.Send(ctx, room, fmt.Sprintf("%s%d.%d", prefix, tab, i))
				if err != nil {
					errs <- fmt.Errorf("tab %d message %d: %w", tab, i, err)
				} else if m.State != StateSent {
					errs <- fmt.Errorf("tab %d message %d ended %s", tab, i, m.State)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	n429 := 0
	for _, ct := range limited {
		n429 += ct.status(http.StatusTooManyRequests)
	}
	if n429 == 0 {
		t.Fatal("the burst never met Synapse's rc_message limit, so this test proved nothing")
	}
	t.Logf("%d sends were answered 429 by Synapse; all %d delivered in %s", n429, tabs*each, time.Since(start).Round(time.Millisecond))

	var sent []string
	for tab := range tabs {
		for i := range each {
			sent = append(sent, fmt.Sprintf("%s%d.%d", prefix, tab, i))
		}
	}
	byHTTP := tallyOf(sent, readRoomHTTP(t, srv.URL, b.Session().AccessToken, room, a.Session().UserID, prefix, len(sent)))
	byJS := tallyOf(sent, readRoomJSSDK(t, srv.URL, b.Session(), room, prefix))
	report(t, [][2]any{
		{"synapse_ratelimit_sent", len(sent)},
		{"synapse_ratelimit_429s", n429},
		{"synapse_ratelimit_delivered", byHTTP.Delivered},
		{"synapse_ratelimit_duplicates", byHTTP.Duplicates},
		{"synapse_ratelimit_lost", byHTTP.Lost},
	})
	for name, got := range map[string]tally{"GET /messages": byHTTP, "matrix-js-sdk": byJS} {
		if got != (tally{Delivered: tabs * each}) {
			t.Errorf("%s: %+v; want all %d delivered once, nothing else", name, got, tabs*each)
		}
	}
	// Each tab's messages in the order it sent them.
	next := make([]int, tabs)
	for _, body := range roomOrder(t, b, room, prefix) {
		var tab, i int
		if _, err := fmt.Sscanf(strings.TrimPrefix(body, prefix), "%d.%d", &tab, &i); err != nil || tab >= tabs {
			t.Fatalf("unexpected message %q", body)
		}
		if i != next[tab] {
			t.Errorf("tab %d: message %d came where %d was due", tab, i, next[tab])
		}
		next[tab] = i + 1
	}
}

// roomOrder lists the bodies starting with prefix in the room's timeline
// order, read by c straight from the server.
func roomOrder(t *testing.T, c *Client, room id.RoomID, prefix string) []string {
	t.Helper()
	resp, err := c.api.Messages(testCtx(t, 30*time.Second), room, "", "", mautrix.DirectionBackward,
		&mautrix.FilterPart{Types: []event.Type{event.EventMessage}}, 500)
	if err != nil {
		t.Fatalf("GET /messages: %v", err)
	}
	var out []string
	for i := len(resp.Chunk) - 1; i >= 0; i-- {
		if body, ok := resp.Chunk[i].Content.Raw["body"].(string); ok && strings.HasPrefix(body, prefix) {
			out = append(out, body)
		}
	}
	return out
}

func testJoinRateLimitedDendrite(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 3*time.Minute)
	a, b := testUser(t, srv, "burst_a"), testUser(t, srv, "burst_b")
	local := "burst-" + strings.TrimPrefix(uniqueName("r"), "r")
	room, err := a.CreatePublicRoom(ctx, "Burst", local)
	if err != nil {
		t.Fatal(err)
	}
	ct := count(b)
	// All at once: Dendrite allows 20 per 500 ms per device, so 40
	// concurrent joins meet its limiter even on a slow machine.
	const workers = 40
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := b.JoinRoom(ctx, "#"+local+":"+srv.ServerName); err != nil || got != room {
				errs <- fmt.Errorf("JoinRoom = %s, %w", got, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := ct.status(http.StatusTooManyRequests); n == 0 {
		t.Error("the join burst never met Dendrite's rate limit, so this proved nothing")
	} else {
		t.Logf("%d joins were answered 429 and retried", n)
	}
}

// The wait after a 429 comes from Retry-After (seconds or an HTTP date, the
// spec's preferred form since v1.10), else from the older retry_after_ms,
// else a default.
func TestSendRetryAfterParsing(t *testing.T) {
	mk := func(header string, body map[string]any) mautrix.HTTPError {
		res := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{}}
		if header != "" {
			res.Header.Set("Retry-After", header)
		}
		var re *mautrix.RespError
		if body != nil {
			re = &mautrix.RespError{ErrCode: "M_LIMIT_EXCEEDED", StatusCode: 429, ExtraData: body}
		}
		return mautrix.HTTPError{Response: res, RespError: re}
	}
	future := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	for _, tc := range []struct {
		err      mautrix.HTTPError
		min, max time.Duration
	}{
		{mk("2", map[string]any{"retry_after_ms": 500.0}), 2 * time.Second, 2 * time.Second},
		{mk("", map[string]any{"retry_after_ms": 750.0}), 750 * time.Millisecond, 750 * time.Millisecond},
		{mk(future, nil), time.Second, 3 * time.Second},
		{mk("", nil), 5 * time.Second, 5 * time.Second},
	} {
		class, wait := retryClass(tc.err, 5*time.Second)
		if class != failRateLimited || wait < tc.min || wait > tc.max {
			t.Errorf("retryClass(%v) = %v, %s; want rate limited, %s..%s", tc.err.Response.Header, class, wait, tc.min, tc.max)
		}
	}
	if class, _ := retryClass(mautrix.HTTPError{Response: &http.Response{StatusCode: 502}}, 0); class != failTransient {
		t.Errorf("502 is %v, want transient", class)
	}
	if class, _ := retryClass(mautrix.HTTPError{Response: &http.Response{StatusCode: 403}}, 0); class != failPermanent {
		t.Errorf("403 is %v, want permanent", class)
	}
}
