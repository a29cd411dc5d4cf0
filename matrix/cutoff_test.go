//go:build !js

package matrix

import (
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"maunium.net/go/mautrix"

	"hellomatrix/internal/faultproxy"
)

// An answer that breaks off mid-body (status 200 and headers arrived, then
// the connection dropped) is a network failure: a send retries it with the
// same transaction ID, and Sync keeps going. It used to be taken for "not a
// Matrix server": Send gave up at once with that sentence, and Sync counted
// it as a refusal, dropped its position after two and stopped after four.
func TestCutOffAnswersAreRetried(t *testing.T) { bothServers(t, testCutOffAnswersAreRetried) }

func testCutOffAnswersAreRetried(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 3*time.Minute)
	a := testUser(t, srv, "cutoff")
	room, err := a.CreatePrivateRoom(ctx, "cut off")
	if err != nil {
		t.Fatal(err)
	}
	proxy := startFaultProxy(t, srv.URL, 1, faultproxy.Rates{Truncate: 1})
	c := through(t, a, proxy.URL)
	c.retry = &quickRetry

	m, err := c.Send(ctx, room, "cut off every time")
	if m == nil || m.State != StateFailed || KindOf(err) != KindUnreachable || m.Attempts != 1+quickRetry.Transient {
		t.Errorf("Send = %+v, %v; want failed as unreachable after %d attempts", m, err, 1+quickRetry.Transient)
	}
	if n := bodiesInRoom(t, a, room, 1)["cut off every time"]; n != 1 {
		t.Errorf("the message is in the room %d times, want 1 (every attempt reached the server)", n)
	}

	r := startSync(t, c)
	for i := 0; i <= syncRetry.Permanent+1; i++ {
		select {
		case s := <-r.status:
			if s.Connected || KindOf(s.Err) != KindUnreachable {
				t.Fatalf("sync status %d = %+v, want an unreachable error", i, s)
			}
		case err := <-r.done:
			r.done <- err
			t.Fatalf("Sync stopped after %d cut-off answers: %v", i, err)
		case <-ctx.Done():
			t.Fatal("no sync status")
		}
	}
	proxy.SetRates(faultproxy.Rates{})
	waitStatus(t, r, time.Minute, func(s SyncStatus) bool { return s.Connected })
}

// The rule behind the test above, without a network: a body that could not
// be read is a network failure; a body that was read and is not JSON means
// something other than a Matrix server answered.
func TestCutOffBodyClassification(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "http://hs.example/_matrix/client/v3/sync", nil)
	res := &http.Response{StatusCode: 200, Request: req, Header: http.Header{}}
	cut := mautrix.HTTPError{Request: req, Response: res, Message: "failed to read response body", WrappedError: io.ErrUnexpectedEOF}
	garbled := mautrix.HTTPError{Request: req, Response: res, Message: "failed to unmarshal response body", ResponseBody: "<html>", WrappedError: errors.New("invalid character '<'")}
	tooBig := mautrix.HTTPError{Request: req, Response: res, Message: "failed to read response body", WrappedError: mautrix.ErrBodyReadReachedLimit}

	if k := KindOf(classify(cut, opSync)); k != KindUnreachable {
		t.Errorf("cut-off body: kind %s, want unreachable", k)
	}
	if class, _ := retryClass(cut, time.Second); class != failTransient {
		t.Errorf("cut-off body: class %v, want transient", class)
	}
	for name, e := range map[string]mautrix.HTTPError{"garbled": garbled, "too big": tooBig} {
		if class, _ := retryClass(e, time.Second); class != failPermanent {
			t.Errorf("%s body: class %v, want permanent", name, class)
		}
	}
	if k := KindOf(classify(garbled, opSync)); k != KindNotMatrix {
		t.Errorf("garbled body: kind %s, want not_matrix", k)
	}
}
