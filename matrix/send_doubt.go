package matrix

import (
	"context"
	"encoding/json"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// A message is in doubt when a request for it was cut short on our side:
// the server may have stored it without recording its transaction ID, in
// which case resending with the same ID would post it twice. Dendrite
// behaves so (it checks its transaction cache before taking the room lock
// and fills it only after the request completes), and it is exactly what a
// page closing mid-send leaves behind. So before resending such a message
// the client looks for it.

// doubtLookback is how many of the room's latest messages the lookup reads.
const doubtLookback = 50

// doubtSettle is how long the lookup keeps watching the room for the
// message when it is not there yet: an aborted request may still be being
// stored. It is paid only by in-doubt messages that never reached the room.
const doubtSettle = 2 * time.Second

// settleDoubt looks for an in-doubt message before it is sent again. done
// is true when deliver should return snap and err as they are: the message
// was found (now sent), or the lookup failed (the message is left failed,
// or pending if ctx ended, and still in doubt, so a Retry looks again).
func (c *Client) settleDoubt(ctx context.Context, m PendingMessage) (done bool, snap *PendingMessage, err error) {
	ob := c.outbox()
	eventID, err := c.findOwnEcho(ctx, m.RoomID, m.TxnID)
	switch {
	case err == nil && eventID != "":
		s, _ := ob.markSent(m.TxnID, eventID)
		return true, &s, nil
	case ctx.Err() != nil:
		s, cerr := c.giveBack(ctx, m.TxnID, false)
		return true, s, cerr
	case err != nil:
		cerr := classify(err, "send")
		s, _ := ob.update(m.TxnID, func(m *PendingMessage) {
			m.State, m.Failure, m.ErrorKind = StateFailed, failureOf(cerr), KindOf(cerr)
		})
		return true, &s, cerr
	}
	ob.update(m.TxnID, func(m *PendingMessage) { m.InDoubt = false })
	return false, nil, nil
}

// findOwnEcho returns the ID of our event in roomID sent with txnID, or ""
// if it did not appear within doubtSettle. Only /sync tells which
// transaction ID an event was sent with (and only to the device that sent
// it), so this is a one-room sync with an inline filter, independent of
// Sync's own position.
func (c *Client) findOwnEcho(ctx context.Context, roomID id.RoomID, txnID string) (id.EventID, error) {
	none := &mautrix.FilterPart{NotTypes: []event.Type{{Type: "*"}}}
	filter, err := json.Marshal(&mautrix.Filter{
		AccountData: none,
		Presence:    none,
		Room: &mautrix.RoomFilter{
			Rooms:       []id.RoomID{roomID},
			AccountData: none,
			Ephemeral:   none,
			State:       none,
			Timeline:    &mautrix.FilterPart{Limit: doubtLookback, Types: timelineTypes},
		},
	})
	if err != nil {
		return "", err
	}
	deadline := time.Now().Add(doubtSettle)
	since := ""
	for {
		wait := time.Until(deadline)
		if since == "" {
			wait = 0 // first the room as it is now
		}
		var resp *mautrix.RespSync
		err := c.call(ctx, opSync, true, func(ctx context.Context) (err error) {
			resp, err = c.api.FullSyncRequest(ctx, mautrix.ReqSync{Since: since, FilterID: string(filter), Timeout: int(wait / time.Millisecond)})
			return err
		})
		if err != nil {
			return "", err
		}
		// This sync acknowledges to-device messages (room keys) that the
		// main Sync will then never see: they go to the machine here.
		c.cryptoSideSync(ctx, resp, since)
		if room := resp.Rooms.Join[roomID]; room != nil {
			for _, evt := range room.Timeline.Events {
				if evt.Unsigned.TransactionID == txnID {
					return evt.ID, nil
				}
			}
		}
		since = resp.NextBatch
		if time.Until(deadline) <= 0 {
			return "", nil
		}
	}
}
