package matrix

// The outbox's own cases of KindUnknown.
const (
	ReasonOutboxUnreadable Reason = "outbox_unreadable" // the stored unsent messages could not be read
	ReasonStillSending     Reason = "still_sending"     // Discard of a message being sent right now
)

// UseOutboxStore keeps the outbox in kv (localStorage in the browser, a
// file natively) and loads what a previous run left there. Call it right
// after NewClient and before Send; messages queued earlier in memory are
// carried over. Follow it with ResumeOutbox to send what was pending.
func (c *Client) UseOutboxStore(kv KV) error {
	loaded, err := newOutbox(kv, c.Session().UserID)
	if err != nil {
		return &Error{Kind: KindUnknown, Reason: ReasonOutboxUnreadable, Err: err}
	}
	c.coreMu.Lock()
	old := c.out
	c.out = loaded
	c.coreMu.Unlock()
	if old != nil {
		loaded.adopt(old)
	}
	return nil
}

// outbox returns the client's outbox, creating an in-memory one if
// UseOutboxStore was never called (messages then do not survive a reload).
func (c *Client) outbox() *outbox {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	if c.out == nil {
		c.out, _ = newOutbox(NewMemoryKV(), c.Session().UserID) // a fresh MemoryKV cannot fail
	}
	return c.out
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
	if sending := c.outbox().remove(txnID); sending {
		return &Error{Kind: KindUnknown, Reason: ReasonStillSending}
	}
	return nil
}
