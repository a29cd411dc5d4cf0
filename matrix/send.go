package matrix

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// MaxEventSize is the Matrix limit on one event as the server stores it
// (the spec's 65536 bytes), envelope included.
const MaxEventSize = 65536

// eventEnvelope is a generous allowance for what the server wraps around our
// content before it checks MaxEventSize: room, sender and event IDs, hashes,
// signatures, prev_events and auth_events. A message we accept must never be
// refused by the server, so we err on the side of a slightly smaller limit.
const eventEnvelope = 2048

func (c *Client) slot() chan struct{} {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	if c.sendSlot == nil {
		c.sendSlot = make(chan struct{}, 1)
	}
	return c.sendSlot
}

// The cases of sending that call for their own words.
const (
	ReasonNotEncodable  Reason = "not_encodable"   // KindUnknown: the body did not encode as JSON
	ReasonOverEventSize Reason = "over_event_size" // KindMessageTooLarge: over MaxEventSize, found before sending
	ReasonNoRoomYet     Reason = "no_room_yet"     // KindRoomNotFound: no room to send to
	ReasonNotInOutbox   Reason = "not_in_outbox"   // KindUnknown: a retry of a message no longer kept
)

// failureOf is err as a PendingMessage keeps it: an *Error (classify
// makes every error one) without its cause, which the outbox's storage
// cannot hold.
func failureOf(err error) *Error {
	var e *Error
	if !errors.As(err, &e) {
		return &Error{Kind: KindUnknown}
	}
	out := *e
	out.Err = nil
	return &out
}

// checkBody refuses what no server would accept, before anything is stored
// or sent: an empty message, or one whose event would exceed MaxEventSize.
func checkBody(body string) error {
	if strings.TrimSpace(body) == "" {
		return &Error{Kind: KindEmptyMessage}
	}
	// Measure the content the way the server will: JSON without Go's HTML
	// escaping (canonical JSON writes "<" as one byte, not six).
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&event.MessageEventContent{MsgType: event.MsgText, Body: body}); err != nil {
		return &Error{Kind: KindUnknown, Reason: ReasonNotEncodable, Err: err}
	}
	if buf.Len()+eventEnvelope > MaxEventSize {
		return &Error{Kind: KindMessageTooLarge, Reason: ReasonOverEventSize}
	}
	return nil
}

// Queue validates body and writes it to the outbox as pending, without
// sending it. The widget can call it to show the message at once and then
// call Retry (or ResumeOutbox) in the background; Send does both.
func (c *Client) Queue(roomID id.RoomID, body string) (*PendingMessage, error) {
	if err := checkBody(body); err != nil {
		return nil, err
	}
	if roomID == "" {
		return nil, &Error{Kind: KindRoomNotFound, Reason: ReasonNoRoomYet}
	}
	now := time.Now()
	m := &PendingMessage{
		TxnID:     newTxnID(now),
		RoomID:    roomID,
		Body:      body,
		State:     StatePending,
		CreatedAt: now,
	}
	snap := *m
	// A storage failure (full or disabled localStorage) only costs survival
	// across a reload; the message is still in memory and is sent.
	_ = c.outbox().add(m)
	return &snap, nil
}

// Send queues a text message and delivers it: the transaction ID is chosen
// and stored before the first request, rate limits are waited out, and
// network errors are retried a few times. It returns the message in its
// final state. If it could not be delivered, the message stays in the outbox
// as failed (its Error is the sentence to show) and the *Error is returned
// too. If ctx ends first, the message stays pending for ResumeOutbox, and
// so it does when the session ended (SessionEnded: signed out, expired
// beyond renewal, account locked), to go out after the reader signs in
// again.
// An empty or oversized body is refused with KindEmptyMessage or
// KindMessageTooLarge before anything is stored or sent; the message is nil.
func (c *Client) Send(ctx context.Context, roomID id.RoomID, body string) (*PendingMessage, error) {
	m, err := c.Queue(roomID, body)
	if err != nil {
		return nil, err
	}
	return c.deliver(ctx, m.TxnID, StatePending)
}

// Retry sends a failed (or still pending) message again with its original
// transaction ID, so even if an earlier attempt did reach the server the
// room gets the message once. Retrying a delivered message just returns it.
func (c *Client) Retry(ctx context.Context, txnID string) (*PendingMessage, error) {
	return c.deliver(ctx, txnID, StateFailed, StatePending)
}

// ResumeOutbox sends, in order, every message left pending by an earlier run
// (call it after UseOutboxStore once the session is back). Each goes out with
// its stored transaction ID, so one that reached the server just before the
// page closed is not duplicated. Failed messages are left for the reader to
// Retry. It returns the messages it handled and the first error.
func (c *Client) ResumeOutbox(ctx context.Context) ([]PendingMessage, error) {
	var done []PendingMessage
	var first error
	for _, m := range c.outbox().list() {
		if m.State != StatePending {
			continue
		}
		res, err := c.deliver(ctx, m.TxnID, StatePending)
		if res != nil && res.TxnID != "" {
			done = append(done, *res)
		}
		if err != nil && first == nil {
			first = err
		}
		if ctx.Err() != nil || SessionEnded(KindOf(err)) {
			// Without a session the rest would meet the same refusal:
			// they stay pending for the next sign-in.
			break
		}
	}
	return done, first
}

// deliver sends txnID if it is in one of the from states. Sends are
// serialised per client so a room's messages arrive in the order typed.
func (c *Client) deliver(ctx context.Context, txnID string, from ...MessageState) (*PendingMessage, error) {
	ob := c.outbox()
	if _, ok := ob.get(txnID); !ok {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonNotInOutbox}
	}
	slot := c.slot()
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		m, _ := ob.get(txnID)
		return &m, classify(ctx.Err(), "send")
	}
	defer func() { <-slot }()

	m, ok := ob.claim(txnID, from...)
	if !ok {
		// Already delivered (perhaps its echo came through Sync), or being
		// sent by another caller: either way there is nothing to do here.
		return &m, nil
	}
	if m.InDoubt {
		if done, snap, err := c.settleDoubt(ctx, m); done {
			return snap, err
		}
	}
	pol := c.retryPolicy()
	content := &event.MessageEventContent{MsgType: event.MsgText, Body: m.Body}
	// What goes out: the message, or in an encrypted room its ciphertext
	// (crypto_send.go), made once and sent as it is on every retry.
	var sendType event.Type
	var payload any
	transient, limited := 0, 0
	for {
		ob.update(txnID, func(m *PendingMessage) { m.Attempts++ })
		var resp *mautrix.RespSendEvent
		err := c.authed(singleAttempt(ctx), func(ctx context.Context) (err error) {
			if payload == nil {
				if sendType, payload, err = c.seal(ctx, m.RoomID, content); err != nil {
					return err
				}
			}
			resp, err = c.api.SendMessageEvent(ctx, m.RoomID, sendType, payload,
				mautrix.ReqSendEvent{TransactionID: txnID})
			return err
		})
		if err == nil {
			snap, _ := ob.markSent(txnID, resp.EventID)
			return &snap, nil
		}
		if ctx.Err() != nil {
			return c.giveBack(ctx, txnID, true)
		}
		class, wait := retryClass(err, pol.RateDefault)
		switch {
		case class == failRateLimited && limited < pol.RateLimited && wait <= pol.MaxRateWait:
			limited++
		case class == failTransient && transient < pol.Transient:
			wait = min(pol.Backoff<<transient, pol.MaxBackoff)
			transient++
		default:
			cerr := classify(err, "send")
			if SessionEnded(KindOf(cerr)) {
				// The server refused the token, so it stored nothing: the
				// message waits, pending, for the reader to sign in again
				// (ResumeOutbox on the new session sends it).
				snap, _ := ob.update(txnID, func(m *PendingMessage) {
					m.State = StatePending
					m.Failure, m.ErrorKind = failureOf(cerr), KindOf(cerr)
				})
				return &snap, cerr
			}
			snap, _ := ob.update(txnID, func(m *PendingMessage) {
				m.State = StateFailed
				m.Failure, m.ErrorKind = failureOf(cerr), KindOf(cerr)
			})
			return &snap, cerr
		}
		if !sleepCtx(ctx, wait) {
			return c.giveBack(ctx, txnID, false)
		}
	}
}

// giveBack returns a message whose sender stopped waiting to pending, so a
// later ResumeOutbox or Retry sends it (with the same transaction ID).
// aborted says a request was in flight and got cancelled, which puts the
// message in doubt.
func (c *Client) giveBack(ctx context.Context, txnID string, aborted bool) (*PendingMessage, error) {
	snap, _ := c.outbox().update(txnID, func(m *PendingMessage) {
		m.State = StatePending
		m.InDoubt = m.InDoubt || aborted
	})
	return &snap, classify(ctx.Err(), "send")
}
