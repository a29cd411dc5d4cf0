//go:build !js

package matrix

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/dendrite/dendritetest"
)

// Sending the same transaction ID again (as Retry does after a lost
// response) must not create a second event: the server deduplicates on
// access token + transaction ID and answers with the original event ID.
func TestSendIdempotentResend(t *testing.T) {
	srv := dendritetest.Shared(t)
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
func TestSendRejectsEmptyAndOversized(t *testing.T) {
	srv := dendritetest.Shared(t)
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
		assertSentence(t, Message(err))
		recordBadInput(t, t.Name()+"/"+name)
	}
	for name, body := range map[string]string{"70 KB ASCII": strings.Repeat("x", 70000), "33000 quotes": strings.Repeat("\"", 33000), "40000 accents": strings.Repeat("é", 40000)} {
		m, err := a.Send(ctx, room, body)
		if KindOf(err) != KindMessageTooLarge || m != nil {
			t.Errorf("Send(%d bytes) = %v, %v; want KindMessageTooLarge", len(body), m, err)
			continue
		}
		assertSentence(t, Message(err))
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

// Rate limits, against a dedicated Dendrite with its limiter on.
//
// Dendrite 0.15.2 limits joins, invites, logins and a few others, but not
// PUT /send (see clientapi/routing/routing.go), so:
//   - "join": a burst of joins meets Dendrite's own 429s with retry_after_ms,
//     which JoinRoom waits out (same retry code as Send);
//   - "send": the sends go through a loopback proxy that applies the limit
//     Synapse applies to messages (a token bucket answering 429
//     M_LIMIT_EXCEEDED with Retry-After and retry_after_ms) and forwards
//     everything else to the real Dendrite, which stores the events.
//
// Either way every message or join must succeed, and each message arrive
// exactly once.
func TestSendRateLimited(t *testing.T) {
	srv := dendritetest.Start(t, dendrite.Options{RateLimiting: true})
	ctx := testCtx(t, 3*time.Minute)
	a, b := testUser(t, srv, "burst_a"), testUser(t, srv, "burst_b")

	t.Run("join", func(t *testing.T) {
		local := "burst-" + strings.TrimPrefix(dendritetest.UniqueName("r"), "r")
		room, err := a.CreatePublicRoom(ctx, "Burst", local)
		if err != nil {
			t.Fatal(err)
		}
		ct := count(b)
		// All at once: Dendrite allows 20 per 500 ms per device, so 40
		// concurrent joins meet its limiter even on a slow machine.
		const workers, each = 40, 1
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					if got, err := b.JoinRoom(ctx, "#"+local+":"+srv.ServerName); err != nil || got != room {
						errs <- fmt.Errorf("JoinRoom = %s, %w", got, err)
					}
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
	})

	t.Run("send", func(t *testing.T) {
		room, err := a.CreatePrivateRoom(ctx, "burst")
		if err != nil {
			t.Fatal(err)
		}
		// A burst of 2 for three tabs that start at once: the third first
		// send meets the limit however slow the machine is; refilling at 10
		// a second, later sends meet it again now and then.
		proxy := newSendLimiter(t, srv.URL, 2, 10)
		const tabs, each = 3, 10
		var wg sync.WaitGroup
		errs := make(chan error, tabs*each)
		start := time.Now()
		for tab := range tabs {
			s := a.Session()
			s.HomeserverURL = proxy.URL
			c := testClient(t, s) // another tab: same token, own send queue
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					m, err := c.Send(ctx, room, fmt.Sprintf("burst %d.%d", tab, i))
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
		if proxy.limited.Load() == 0 {
			t.Fatal("the burst never hit the rate limit, so this test proved nothing")
		}
		t.Logf("%d sends were answered 429; all %d delivered in %s", proxy.limited.Load(), tabs*each, time.Since(start).Round(time.Millisecond))
		got := bodiesInRoom(t, a, room, tabs*each) // straight from Dendrite, not through the proxy
		for tab := range tabs {
			for i := range each {
				if n := got[fmt.Sprintf("burst %d.%d", tab, i)]; n != 1 {
					t.Errorf("burst %d.%d arrived %d times, want 1", tab, i, n)
				}
			}
		}
	})
}

// sendLimiter is a reverse proxy to a real homeserver that rate-limits
// PUT .../send/... the way Synapse does (a token bucket of burst requests
// refilling at perSecond), answering over-limit requests itself with 429
// M_LIMIT_EXCEEDED, a Retry-After header and retry_after_ms.
type sendLimiter struct {
	*httptest.Server
	limited atomic.Int64
	mu      sync.Mutex
	tokens  float64
	last    time.Time
}

func newSendLimiter(t *testing.T, upstream string, burst, perSecond float64) *sendLimiter {
	target, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	l := &sendLimiter{tokens: burst, last: time.Now()}
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/send/") {
			l.mu.Lock()
			now := time.Now()
			l.tokens = min(burst, l.tokens+now.Sub(l.last).Seconds()*perSecond)
			l.last = now
			ok := l.tokens >= 1
			if ok {
				l.tokens--
			}
			wait := time.Duration((1 - l.tokens) / perSecond * float64(time.Second))
			l.mu.Unlock()
			if !ok {
				l.limited.Add(1)
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprintf(w, `{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":%d}`, wait.Milliseconds()+1)
				return
			}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(l.Close)
	return l
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
