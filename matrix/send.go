package matrix

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
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

// retryPolicy bounds how hard a send tries before it gives up and leaves the
// message failed in the outbox for the reader to retry.
type retryPolicy struct {
	Transient   int           // retries after network errors and 5xx answers
	RateLimited int           // retries after 429 M_LIMIT_EXCEEDED
	Backoff     time.Duration // first wait after a transient error; doubles each time
	MaxBackoff  time.Duration
	MaxRateWait time.Duration // a server asking us to wait longer than this is treated as a failure now
	RateDefault time.Duration // wait after a 429 that names no time
}

var defaultRetry = retryPolicy{
	Transient:   4, // about 7.5 s of trying: long enough for a wobbly connection, short enough that the reader is told
	RateLimited: 20,
	Backoff:     500 * time.Millisecond,
	MaxBackoff:  8 * time.Second,
	MaxRateWait: time.Minute,
	RateDefault: time.Second,
}

func (c *Client) retryPolicy() retryPolicy {
	if c.retry != nil {
		return *c.retry
	}
	return defaultRetry
}

// UseOutboxStore keeps the outbox in kv (localStorage in the browser, a
// file natively) and loads what a previous run left there. Call it right
// after NewClient and before Send; messages queued earlier in memory are
// carried over. Follow it with ResumeOutbox to send what was pending.
func (c *Client) UseOutboxStore(kv KV) error {
	loaded, err := newOutbox(kv, c.session.UserID)
	if err != nil {
		return &Error{Kind: KindUnknown, Message: "Unsent messages saved by an earlier visit could not be read from this browser's storage.", Err: err}
	}
	c.coreMu.Lock()
	old := c.out
	c.out = loaded
	c.coreMu.Unlock()
	if old != nil {
		old.mu.Lock()
		var msgs []*PendingMessage
		for _, m := range old.msgs {
			cp := *m // copies: the old outbox's lock will no longer guard them
			msgs = append(msgs, &cp)
		}
		obs, nextObs := old.observers, old.nextObs
		old.mu.Unlock()
		loaded.mu.Lock()
		for _, m := range msgs {
			if loaded.findLocked(m.TxnID) == nil {
				loaded.msgs = append(loaded.msgs, m)
			}
		}
		for k, fn := range obs {
			loaded.observers[k] = fn // same keys, so earlier unsubscribe funcs still work
		}
		loaded.nextObs = max(loaded.nextObs, nextObs)
		loaded.saveLocked()
		loaded.mu.Unlock()
	}
	return nil
}

// outbox returns the client's outbox, creating an in-memory one if
// UseOutboxStore was never called (messages then do not survive a reload).
func (c *Client) outbox() *outbox {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	if c.out == nil {
		c.out, _ = newOutbox(NewMemoryKV(), c.session.UserID) // a fresh MemoryKV cannot fail
	}
	return c.out
}

func (c *Client) slot() chan struct{} {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	if c.sendSlot == nil {
		c.sendSlot = make(chan struct{}, 1)
	}
	return c.sendSlot
}

// OnOutboxChange calls fn with a copy of a message every time it is queued
// or changes state, from the goroutine that changed it. The widget uses it
// to redraw local echo; fn must not block. The returned func unsubscribes.
func (c *Client) OnOutboxChange(fn func(PendingMessage)) (unsubscribe func()) {
	key := c.outbox().subscribe(fn)
	return func() { c.outbox().unsubscribe(key) }
}

// Outbox returns copies of the messages the client knows about, oldest
// first: everything not yet delivered plus the most recent delivered ones.
func (c *Client) Outbox() []PendingMessage { return c.outbox().list() }

// Discard forgets a message that is not being sent right now (typically a
// failed one the reader gave up on).
func (c *Client) Discard(txnID string) error {
	ob := c.outbox()
	ob.mu.Lock()
	defer ob.mu.Unlock()
	for i, m := range ob.msgs {
		if m.TxnID != txnID {
			continue
		}
		if m.State == StateSending {
			return &Error{Kind: KindUnknown, Message: "This message is being sent right now; wait a moment before removing it."}
		}
		ob.msgs = append(ob.msgs[:i], ob.msgs[i+1:]...)
		ob.saveLocked()
		return nil
	}
	return nil
}

// checkBody refuses what no server would accept, before anything is stored
// or sent: an empty message, or one whose event would exceed MaxEventSize.
func checkBody(body string) error {
	if strings.TrimSpace(body) == "" {
		return &Error{Kind: KindEmptyMessage, Message: "There is nothing to send yet: type a message first."}
	}
	// Measure the content the way the server will: JSON without Go's HTML
	// escaping (canonical JSON writes "<" as one byte, not six).
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&event.MessageEventContent{MsgType: event.MsgText, Body: body}); err != nil {
		return &Error{Kind: KindUnknown, Message: "This message could not be prepared for sending.", Err: err}
	}
	if buf.Len()+eventEnvelope > MaxEventSize {
		return &Error{Kind: KindMessageTooLarge, Message: "This message is too long: a Matrix message can be at most about 64 KB. Shorten it or split it into a few messages."}
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
		return nil, &Error{Kind: KindRoomNotFound, Message: "Join or create a room first, then send your message."}
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
// too. If ctx ends first, the message stays pending for ResumeOutbox.
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
		if ctx.Err() != nil {
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
		return nil, &Error{Kind: KindUnknown, Message: "That message is no longer in the outbox."}
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
	transient, limited := 0, 0
	for {
		ob.update(txnID, func(m *PendingMessage) { m.Attempts++ })
		resp, err := c.api.SendMessageEvent(singleAttempt(ctx), m.RoomID, event.EventMessage, content,
			mautrix.ReqSendEvent{TransactionID: txnID})
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
			snap, _ := ob.update(txnID, func(m *PendingMessage) {
				m.State = StateFailed
				m.Error = Message(cerr)
				m.ErrorKind = KindOf(cerr)
			})
			return &snap, cerr
		}
		if !sleepCtx(ctx, wait) {
			return c.giveBack(ctx, txnID, false)
		}
	}
}

// call runs one request through the same bounded retry rules as sends: a
// 429 is waited out as the server asks, and for idempotent requests (a
// repeat cannot do anything twice: joins, lookups) network errors and 5xx
// answers are retried with backoff. Non-idempotent ones (creating a room)
// are only retried after a 429, where the server did nothing. The error is
// classified for op.
func (c *Client) call(ctx context.Context, op string, idempotent bool, fn func(context.Context) error) error {
	pol := c.retryPolicy()
	transient, limited := 0, 0
	for {
		err := fn(singleAttempt(ctx))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return classify(ctx.Err(), op)
		}
		class, wait := retryClass(err, pol.RateDefault)
		switch {
		case class == failRateLimited && limited < pol.RateLimited && wait <= pol.MaxRateWait:
			limited++
		case class == failTransient && idempotent && transient < pol.Transient:
			wait = min(pol.Backoff<<transient, pol.MaxBackoff)
			transient++
		default:
			return classify(err, op)
		}
		if !sleepCtx(ctx, wait) {
			return classify(ctx.Err(), op)
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

// singleAttempt tells mautrix to make exactly one HTTP attempt. Its own retry
// loop (DefaultHTTPRetries, off by default but a public field) would sleep
// on 429s and 5xx behind our back and multiply our bounded retries.
func singleAttempt(ctx context.Context) context.Context {
	return context.WithValue(ctx, mautrix.MaxAttemptsContextKey, 1)
}

type failureClass int

const (
	failPermanent failureClass = iota
	failTransient
	failRateLimited
)

// retryClass decides whether an error is worth another attempt, and for a
// 429 how long the server asked us to wait (Retry-After header, else the
// body's retry_after_ms, else def).
func retryClass(err error, def time.Duration) (failureClass, time.Duration) {
	var herr mautrix.HTTPError
	if !errors.As(err, &herr) {
		return failPermanent, 0
	}
	if herr.Response == nil || bodyCutOff(herr) {
		// No answer at all (offline, server restarting, connection reset),
		// or one that broke off mid-body.
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return failPermanent, 0
		}
		return failTransient, 0
	}
	switch code := herr.Response.StatusCode; {
	case code == http.StatusTooManyRequests || errors.Is(err, mautrix.MLimitExceeded):
		return failRateLimited, retryAfter(herr, def)
	case code >= 500:
		return failTransient, 0
	}
	return failPermanent, 0
}

func retryAfter(herr mautrix.HTTPError, def time.Duration) time.Duration {
	if h := herr.Response.Header.Get("Retry-After"); h != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
			return time.Duration(s) * time.Second
		}
		if t, err := http.ParseTime(h); err == nil {
			if d := time.Until(t); d > 0 {
				return d
			}
			return 0
		}
	}
	if herr.RespError != nil {
		if ms, ok := herr.RespError.ExtraData["retry_after_ms"].(float64); ok && ms >= 0 {
			return time.Duration(ms) * time.Millisecond
		}
	}
	return def
}

// sleepCtx waits d, or less if ctx ends; it reports whether the full wait
// happened.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
