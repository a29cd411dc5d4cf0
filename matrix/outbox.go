package matrix

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"sync"
	"time"

	"maunium.net/go/mautrix/id"
)

// MessageState is where an outgoing message is in its life. The widget shows
// it next to the message (a clock, a tick, a "try again" button), the way
// gomuks and Element show local echo.
type MessageState string

const (
	// StatePending: written to the outbox, not yet handed to the server (or
	// waiting to be resumed after a reload).
	StatePending MessageState = "pending"
	// StateSending: a request is in flight, or we are waiting out a rate
	// limit or a network hiccup before the next attempt.
	StateSending MessageState = "sending"
	// StateSent: the server accepted it and gave it an event ID.
	StateSent MessageState = "sent"
	// StateFailed: we stopped trying; Failure says why and Retry sends it again
	// with the same transaction ID.
	StateFailed MessageState = "failed"
)

// PendingMessage is one outgoing text message. Its TxnID is chosen and stored
// before the first request and reused for every retry: a homeserver
// remembers (access token, transaction ID) pairs and answers a repeat with
// the original event instead of creating a second one, so a retry after a
// lost response can never post the message twice.
type PendingMessage struct {
	TxnID   string       `json:"txn_id"`
	RoomID  id.RoomID    `json:"room_id"`
	Body    string       `json:"body"`
	State   MessageState `json:"state"`
	EventID id.EventID   `json:"event_id,omitempty"`
	// Failure is why it failed (or waits for a new sign-in), for the
	// wording; ErrorKind is its Kind, also in outboxes stored before
	// Failure was.
	Failure   *Error    `json:"failure,omitempty"`
	ErrorKind Kind      `json:"error_kind,omitempty"`
	Attempts  int       `json:"attempts,omitempty"` // requests made so far, across retries
	CreatedAt time.Time `json:"created_at"`
	// InDoubt: a request for it was cut short on our side (the page
	// closed, or the caller gave up mid-request), so the server may have
	// stored it without remembering the transaction ID: Dendrite records
	// a transaction only once the request completes. Before sending it
	// again the client looks for it in the room (see findOwnEcho).
	InDoubt bool `json:"in_doubt,omitempty"`
}

// outboxKey is the KV key of a user's outbox. It is per user because a
// browser profile may sign in as someone else later, and their pending
// messages must never be sent with another account's token.
func outboxKey(user id.UserID) string { return "outbox/" + string(user) }

// keepSent is how many delivered messages the outbox remembers in memory so
// the widget can still show their tick; they are not persisted, because after
// a reload History shows them from the server.
const keepSent = 100

// outbox is the client's list of outgoing messages, mirrored into a KV so
// pending ones survive a reload. All fields are guarded by mu; observers are
// called without it held.
type outbox struct {
	mu        sync.Mutex
	kv        KV
	key       string
	msgs      []*PendingMessage // in creation order
	observers map[int]func(PendingMessage)
	nextObs   int
	saveErr   error // the last persistence failure, for OutboxError
}

// newOutbox loads user's outbox from kv. A message that was "sending" when
// the previous process stopped may or may not have reached the server; it
// becomes pending and in doubt, so ResumeOutbox first looks for it in the
// room and only then sends it again, with the same transaction ID.
func newOutbox(kv KV, user id.UserID) (*outbox, error) {
	o := &outbox{kv: kv, key: outboxKey(user), observers: map[int]func(PendingMessage){}}
	raw, ok, err := kv.Get(o.key)
	if err != nil {
		return nil, err
	}
	if ok && len(raw) > 0 {
		var stored []*PendingMessage
		if err := json.Unmarshal(raw, &stored); err != nil {
			// A corrupt entry must not lock the reader out of chatting; start
			// afresh rather than fail every send.
			stored = nil
		}
		for _, m := range stored {
			if m == nil || m.TxnID == "" {
				continue
			}
			if m.State == StateSending {
				m.State, m.InDoubt = StatePending, true
			}
			o.msgs = append(o.msgs, m)
		}
		sort.SliceStable(o.msgs, func(i, j int) bool { return o.msgs[i].CreatedAt.Before(o.msgs[j].CreatedAt) })
	}
	return o, nil
}

// newTxnID returns a transaction ID unique across restarts and devices of
// this access token: a timestamp keeps them ordered for humans reading logs,
// 64 random bits make a collision after a reload (when a counter would start
// again at 1) practically impossible. mautrix's own TxnID() is a per-process
// counter, so it is deliberately not used.
func newTxnID(now time.Time) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; the nanosecond
		// clock alone is still unique enough for one user typing.
		return "hm" + strconv.FormatInt(now.UnixNano(), 36)
	}
	return "hm" + strconv.FormatInt(now.UnixNano(), 36) + "." + hex.EncodeToString(b[:])
}

// add stores a new message and persists it before anything is sent.
func (o *outbox) add(m *PendingMessage) error {
	o.mu.Lock()
	o.msgs = append(o.msgs, m)
	err := o.saveLocked()
	snap := *m
	obs := o.observersLocked()
	o.mu.Unlock()
	notify(obs, snap)
	return err
}

// adopt carries over the messages and observers of old, the outbox o
// replaces (UseOutboxStore after messages were queued in memory). Messages
// o already has keep o's copy.
func (o *outbox) adopt(old *outbox) {
	old.mu.Lock()
	var msgs []*PendingMessage
	for _, m := range old.msgs {
		cp := *m // copies: the old outbox's lock will no longer guard them
		msgs = append(msgs, &cp)
	}
	obs, nextObs := old.observers, old.nextObs
	old.mu.Unlock()
	o.mu.Lock()
	for _, m := range msgs {
		if o.findLocked(m.TxnID) == nil {
			o.msgs = append(o.msgs, m)
		}
	}
	for k, fn := range obs {
		o.observers[k] = fn // same keys, so earlier unsubscribe funcs still work
	}
	o.nextObs = max(o.nextObs, nextObs)
	o.saveLocked()
	o.mu.Unlock()
}

// remove forgets txnID unless a request for it is in flight, which it
// reports instead (sending). An unknown txnID is already gone.
func (o *outbox) remove(txnID string) (sending bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i, m := range o.msgs {
		if m.TxnID != txnID {
			continue
		}
		if m.State == StateSending {
			return true
		}
		o.msgs = append(o.msgs[:i], o.msgs[i+1:]...)
		o.saveLocked()
		return false
	}
	return false
}

// get returns a copy of the message with txnID.
func (o *outbox) get(txnID string) (PendingMessage, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if m := o.findLocked(txnID); m != nil {
		return *m, true
	}
	return PendingMessage{}, false
}

// list returns copies of all messages, oldest first.
func (o *outbox) list() []PendingMessage {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]PendingMessage, len(o.msgs))
	for i, m := range o.msgs {
		out[i] = *m
	}
	return out
}

// claim moves txnID to sending if it is in one of the from states, and
// reports whether it did. It is how two callers (a ResumeOutbox and a Retry
// racing, or two tabs' worth of code in one process) are kept from sending
// the same message at once.
func (o *outbox) claim(txnID string, from ...MessageState) (PendingMessage, bool) {
	o.mu.Lock()
	m := o.findLocked(txnID)
	if m == nil {
		o.mu.Unlock()
		return PendingMessage{}, false
	}
	allowed := false
	for _, s := range from {
		if m.State == s {
			allowed = true
		}
	}
	if !allowed {
		snap := *m
		o.mu.Unlock()
		return snap, false
	}
	m.State = StateSending
	m.Failure, m.ErrorKind = nil, ""
	o.saveLocked()
	snap := *m
	obs := o.observersLocked()
	o.mu.Unlock()
	notify(obs, snap)
	return snap, true
}

// update applies change to txnID under the lock, persists and notifies.
// A message already marked sent (for example by its remote echo arriving in
// Sync before the send response) is never moved back to another state.
func (o *outbox) update(txnID string, change func(m *PendingMessage)) (PendingMessage, bool) {
	o.mu.Lock()
	m := o.findLocked(txnID)
	if m == nil {
		o.mu.Unlock()
		return PendingMessage{}, false
	}
	wasSent := m.State == StateSent
	before := *m
	change(m)
	if wasSent && m.State != StateSent {
		*m = before
	}
	if *m == before {
		o.mu.Unlock()
		return before, true
	}
	o.pruneLocked()
	o.saveLocked()
	snap := *m
	obs := o.observersLocked()
	o.mu.Unlock()
	notify(obs, snap)
	return snap, true
}

// markSent records the server's event ID; used by the send path and by Sync
// when our own event comes back with unsigned.transaction_id.
func (o *outbox) markSent(txnID string, eventID id.EventID) (PendingMessage, bool) {
	return o.update(txnID, func(m *PendingMessage) {
		m.State, m.InDoubt = StateSent, false
		if eventID != "" {
			m.EventID = eventID
		}
		m.Failure, m.ErrorKind = nil, ""
	})
}

func (o *outbox) findLocked(txnID string) *PendingMessage {
	for _, m := range o.msgs {
		if m.TxnID == txnID {
			return m
		}
	}
	return nil
}

// pruneLocked forgets the oldest delivered messages beyond keepSent so a
// long session does not grow without bound.
func (o *outbox) pruneLocked() {
	sent := 0
	for _, m := range o.msgs {
		if m.State == StateSent {
			sent++
		}
	}
	if sent <= keepSent {
		return
	}
	drop := sent - keepSent
	kept := o.msgs[:0]
	for _, m := range o.msgs {
		if m.State == StateSent && drop > 0 {
			drop--
			continue
		}
		kept = append(kept, m)
	}
	o.msgs = kept
}

// saveLocked writes every undelivered message to the KV. Sent ones are left
// out: the server has them, and localStorage is small.
func (o *outbox) saveLocked() error {
	var unsent []*PendingMessage
	for _, m := range o.msgs {
		if m.State != StateSent {
			unsent = append(unsent, m)
		}
	}
	var err error
	if len(unsent) == 0 {
		err = o.kv.Delete(o.key)
	} else {
		var raw []byte
		raw, err = json.Marshal(unsent)
		if err == nil {
			err = o.kv.Set(o.key, raw)
		}
	}
	o.saveErr = err
	return err
}

func (o *outbox) subscribe(fn func(PendingMessage)) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := o.nextObs
	o.nextObs++
	o.observers[n] = fn
	return n
}

func (o *outbox) unsubscribe(key int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.observers, key)
}

func (o *outbox) observersLocked() []func(PendingMessage) {
	if len(o.observers) == 0 {
		return nil
	}
	keys := make([]int, 0, len(o.observers))
	for k := range o.observers {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	out := make([]func(PendingMessage), len(keys))
	for i, k := range keys {
		out[i] = o.observers[k]
	}
	return out
}

func notify(obs []func(PendingMessage), m PendingMessage) {
	for _, fn := range obs {
		fn(m)
	}
}
