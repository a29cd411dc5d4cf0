//go:build !js

package matrix

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Helpers shared by the rooms, send, outbox, sync and interop tests. They
// talk to a real homeserver (homeservers_test.go); the only thing wrapped is the HTTP transport, to
// count requests and answers (never to fake them).

const testPassword = "correct horse battery staple"

// testUser registers a fresh account (shared-secret admin API, so the code
// under test is not involved) and returns a Client for it.
func testUser(t *testing.T, srv homeserver, prefix string) *Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uid, tok, dev, err := srv.RegisterUser(ctx, uniqueName(prefix), testPassword, false)
	if err != nil {
		t.Fatalf("registering %s: %v", prefix, err)
	}
	return testClient(t, Session{HomeserverURL: srv.URL, UserID: id.UserID(uid), DeviceID: id.DeviceID(dev), AccessToken: tok})
}

func testClient(t *testing.T, s Session) *Client {
	t.Helper()
	c, err := NewClient(s)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// countingTransport counts requests, by HTTP method, and the answers'
// status codes.
type countingTransport struct {
	base     http.RoundTripper
	requests atomic.Int64
	mu       sync.Mutex
	methods  map[string]int
	statuses map[int]int
}

func (ct *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ct.requests.Add(1)
	ct.mu.Lock()
	ct.methods[r.Method]++
	ct.mu.Unlock()
	res, err := ct.base.RoundTrip(r)
	if err == nil {
		ct.mu.Lock()
		ct.statuses[res.StatusCode]++
		ct.mu.Unlock()
	}
	return res, err
}

func (ct *countingTransport) status(code int) int {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	return ct.statuses[code]
}

func (ct *countingTransport) method(name string) int {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	return ct.methods[name]
}

// count installs a countingTransport on c.
func count(c *Client) *countingTransport {
	base := c.api.Client.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	ct := &countingTransport{base: base, methods: map[string]int{}, statuses: map[int]int{}}
	hc := *c.api.Client
	hc.Transport = ct
	c.api.Client = &hc
	return ct
}

// bodiesInRoom reads the room's recent history straight from the server
// (GET /messages) and counts the text messages per body.
func bodiesInRoom(t *testing.T, c *Client, roomID id.RoomID, want int) map[string]int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		var resp *mautrix.RespMessages
		err := c.authed(ctx, func(ctx context.Context) (err error) { // tokens may need renewing (refresh_test.go)
			resp, err = c.api.Messages(ctx, roomID, "", "", mautrix.DirectionBackward,
				&mautrix.FilterPart{Types: []event.Type{event.EventMessage}}, 500)
			return err
		})
		if err != nil {
			t.Fatalf("GET /messages: %v", err)
		}
		out, n := map[string]int{}, 0
		for _, evt := range resp.Chunk {
			if b, ok := evt.Content.Raw["body"].(string); ok {
				out[b]++
				n++
			}
		}
		// Dendrite answers /messages from its sync database, which learns
		// of a new event a moment after /send has answered (longer on a
		// busy machine), so a read straight after sending can miss it.
		if n >= want {
			return out
		}
		select {
		case <-ctx.Done():
			return out
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// syncRecorder runs c.Sync in the background and collects what it delivers.
type syncRecorder struct {
	msgs    chan RoomMessage
	invites chan Invite
	gone    chan id.RoomID
	status  chan SyncStatus
	done    chan error
	cancel  context.CancelFunc
}

func startSync(t *testing.T, c *Client) *syncRecorder {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &syncRecorder{
		msgs:    make(chan RoomMessage, 1000),
		invites: make(chan Invite, 100),
		gone:    make(chan id.RoomID, 100),
		status:  make(chan SyncStatus, 1000),
		done:    make(chan error, 1),
		cancel:  cancel,
	}
	go func() {
		r.done <- c.Sync(ctx, SyncHandler{
			Message:    func(m RoomMessage) { r.msgs <- m },
			Invite:     func(i Invite) { r.invites <- i },
			InviteGone: func(room id.RoomID) { r.gone <- room },
			Status: func(s SyncStatus) {
				select {
				case r.status <- s:
				default:
				}
			},
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
			t.Errorf("Sync did not return within 10 s of cancel")
		}
	})
	return r
}

// waitMessage waits for a message matching ok.
func (r *syncRecorder) waitMessage(t *testing.T, within time.Duration, ok func(RoomMessage) bool) RoomMessage {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case m := <-r.msgs:
			if ok(m) {
				return m
			}
		case err := <-r.done:
			r.done <- err
			t.Fatalf("Sync returned early: %v", err)
		case <-deadline:
			t.Fatalf("no matching message within %s", within)
		}
	}
}

func (r *syncRecorder) waitInvite(t *testing.T, within time.Duration, room id.RoomID) Invite {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case i := <-r.invites:
			if i.RoomID == room {
				return i
			}
		case <-deadline:
			t.Fatalf("no invite to %s within %s", room, within)
		}
	}
}

func testCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
