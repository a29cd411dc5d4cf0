//go:build !js

package matrix

import (
	"net/http"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
)

// An in-doubt message (its request was cut short on our side) is looked for
// before it is sent again: if it is in the room it is marked sent without
// another PUT; if not, it is sent once. faults_test.go shows why it matters
// (Dendrite forgets the transaction ID of a request aborted mid-way).
func TestOutboxInDoubtLookup(t *testing.T) { bothServers(t, testOutboxInDoubtLookup) }

func testOutboxInDoubtLookup(t *testing.T, srv homeserver) {
	ctx := testCtx(t, time.Minute)
	a := testUser(t, srv, "doubt")
	room, err := a.CreatePrivateRoom(ctx, "doubt")
	if err != nil {
		t.Fatal(err)
	}
	doubt := func(txnID string) {
		a.outbox().update(txnID, func(m *PendingMessage) { m.InDoubt = true })
	}

	// 1: the aborted request did reach the room.
	landed, _ := a.Queue(room, "it landed")
	resp, err := a.api.SendMessageEvent(ctx, room, event.EventMessage,
		&event.MessageEventContent{MsgType: event.MsgText, Body: "it landed"}, mautrix.ReqSendEvent{TransactionID: landed.TxnID})
	if err != nil {
		t.Fatal(err)
	}
	doubt(landed.TxnID)
	// 2: it never did.
	lost, _ := a.Queue(room, "it never arrived")
	doubt(lost.TxnID)

	ct := count(a)
	got, err := a.Retry(ctx, landed.TxnID)
	if err != nil || got.State != StateSent || got.EventID != resp.EventID || got.InDoubt {
		t.Errorf("Retry of a landed in-doubt message = %+v, %v; want sent as %s", got, err, resp.EventID)
	}
	if n := ct.method(http.MethodPut); n != 0 {
		t.Errorf("%d PUTs for a message already in the room, want 0", n)
	}
	got, err = a.Retry(ctx, lost.TxnID)
	if err != nil || got.State != StateSent || got.InDoubt {
		t.Errorf("Retry of a lost in-doubt message = %+v, %v; want sent", got, err)
	}
	if n := ct.method(http.MethodPut); n != 1 {
		t.Errorf("%d PUTs in all, want 1 for the lost message", n)
	}
	bodies := bodiesInRoom(t, a, room, 2)
	if bodies["it landed"] != 1 || bodies["it never arrived"] != 1 {
		t.Errorf("room holds %v; want each message once", bodies)
	}
}
