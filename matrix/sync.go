package matrix

import (
	"context"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// RoomMessage is one message in a room's timeline, as the widget shows it.
type RoomMessage struct {
	RoomID  id.RoomID
	EventID id.EventID
	Sender  id.UserID
	// SenderName is the display name the sender has in this room, from
	// its member events, or "" when they set none (show Sender then). It
	// is text the sender chose: show it as text, never as markup.
	SenderName string
	Body       string
	MsgType    string // m.text, m.notice, m.emote...
	Timestamp  time.Time
	// TxnID is set only on the echo of a message this session sent: the
	// server returns our transaction ID (unsigned.transaction_id) to the
	// device that sent it, which is how local echo is matched to the
	// outbox.
	TxnID string
	// Own is true for messages from the signed-in user, from any device.
	Own bool
	// Encrypted marks an end-to-end encrypted message that could not be
	// read: Body is empty and Problem says why (crypto_problem.go).
	Encrypted bool
	Problem   DecryptProblem
	// Decrypted marks a message that was end-to-end encrypted and has been
	// read (the widget shows a small lock).
	Decrypted bool
	// Update is set when a message delivered earlier as unreadable
	// (Encrypted) could be decrypted once its key arrived: it replaces the
	// message with the same EventID.
	Update bool
	// Initial is true for messages that came with the first sync, i.e.
	// recent history rather than something that just arrived.
	Initial bool
}

// SyncStatus tells the widget how the connection is doing, e.g. to show
// "reconnecting…". Sync reports it when it changes: once connected, and
// when the connection is lost, on every failed attempt with the wait
// before the next. One failed poll after a working one is not a lost
// connection (see quietFailures) and is not reported.
type SyncStatus struct {
	Connected bool          // the last request succeeded
	Err       error         // the *Error being retried when not connected
	RetryIn   time.Duration // when the next attempt is
}

// SyncHandler receives what Sync finds. Any field may be nil. The callbacks
// run on Sync's goroutine, one at a time, in timeline order; they must not
// block for long (in the browser, hand the value to the UI and return).
type SyncHandler struct {
	Message func(RoomMessage)
	Invite  func(Invite) // a new invitation, or one whose details changed (invites.go)
	// InviteGone: an invitation reported earlier has ended without this
	// client acting on it here, or by it: joined (here or on another
	// device), declined, or withdrawn by the inviter.
	InviteGone func(room id.RoomID)
	Status     func(SyncStatus)
	// Earlier learns where a room's older history begins, for Earlier
	// (history.go): called with the timeline's prev_batch the first time
	// a room appears (the initial sync, or a room just joined), before that
	// room's messages.
	Earlier func(room id.RoomID, from string)
	// Rooms receives the whole room list (Client.Rooms) whenever a sync
	// changed it: a room joined or left, renamed, active, or m.direct
	// changed. Ignored receives the account's ignored people when that
	// list changed (room_list.go).
	Rooms   func([]RoomSummary)
	Ignored func([]id.UserID)
}

// syncMargin is how much longer than its timeout a sync request may take
// before Sync gives up on it and asks again: the initial sync builds the
// whole account's state and may take a while on a big account; a poll
// answers within moments of its timeout.
func syncMargin(since string) time.Duration {
	if since == "" {
		return 2 * time.Minute
	}
	return 30 * time.Second
}

// syncTimeout is how long the server may hold a sync open when nothing
// happens: the usual 30 s, under every proxy's idle timeout.
const syncTimeout = 30 * time.Second

// syncRetry bounds the wait between attempts after errors; the loop itself
// never gives up on network errors (a server restart or a laptop lid closed
// for an hour must not end the chat).
var syncRetry = struct {
	Backoff, MaxBackoff time.Duration
	Permanent           int // consecutive refusals (4xx) tolerated before Sync returns
}{Backoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second, Permanent: 3}

// quietFailures is how many failed polls in a row Sync retries without
// reporting the connection lost. A single failure is routine and says
// nothing the reader can act on: a long poll cut short by a proxy or by
// a tab the browser paused, a server restarting, a rate limit waited out.
// A device the browser knows is offline is reported at once.
const quietFailures = 1

// timelineTypes are the events the chat shows. Filtering on the server makes
// the initial sync's 20 events 20 messages, not a room's creation state.
var timelineTypes = []event.Type{event.EventMessage, event.EventEncrypted}

// syncTimelineTypes adds the state changes encryption must follow as they
// happen (crypto_sync.go): a room turning encryption on, members coming and
// going (who gets the keys), history visibility. The room's state before
// the timeline comes in the state section, which the filter keeps whole
// apart from lazy-loaded members; sending fetches the full member list.
// The room list (room_list.go) follows renames the same way.
var syncTimelineTypes = append(timelineTypes[:len(timelineTypes):len(timelineTypes)],
	event.StateEncryption, event.StateMember, event.StateHistoryVisibility,
	event.StateRoomName, event.StateCanonicalAlias)

// syncAccountData is the account data the room list needs: which rooms are
// direct chats, and whom the reader ignores.
var syncAccountData = []event.Type{event.AccountDataDirectChats, event.AccountDataIgnoredUserList}

// syncFilter keeps the sync small: no presence, typing, receipts or room
// account data, only the two account data types of syncAccountData, a
// short timeline, and only the room members needed to show senders (lazy
// loading), which matters for big public rooms.
func syncFilter() *mautrix.Filter {
	none := &mautrix.FilterPart{NotTypes: []event.Type{{Type: "*"}}}
	return &mautrix.Filter{
		AccountData: &mautrix.FilterPart{Types: syncAccountData},
		Presence:    none,
		Room: &mautrix.RoomFilter{
			AccountData: none,
			Ephemeral:   none,
			State:       &mautrix.FilterPart{LazyLoadMembers: true},
			Timeline:    &mautrix.FilterPart{Limit: 20, LazyLoadMembers: true, Types: syncTimelineTypes},
		},
	}
}

// Sync runs the client's sync loop until ctx ends: an initial sync (recent
// messages and pending invites, with Initial set) and then long polls,
// calling h for every new message and invite. Our own messages coming back
// mark their outbox entries sent. Network errors and server errors are
// retried with backoff indefinitely (reported through h.Status); a rate
// limit is waited out. It returns nil when ctx is cancelled, and an *Error
// when continuing is pointless: a SessionEnded kind when the session was
// signed out (an expiring token is renewed first, refresh.go), or the
// server refusing sync several times in a row.
// Stopping and calling Sync again continues where it stopped.
func (c *Client) Sync(ctx context.Context, h SyncHandler) error {
	failures, refusals := 0, 0
	inARow := 0  // failed attempts since the last answer
	lost := true // what the handler was told last: not connected (or nothing yet)
	for ctx.Err() == nil {
		// After a failure the server is not asked to hold the poll open:
		// the first answer ends "reconnecting…" at once, not a long poll
		// later.
		resp, since, err := c.syncOnce(ctx, inARow > 0)
		var gaps map[id.RoomID][]*event.Event
		if err == nil {
			// A response is only taken (and the position moved past it)
			// once its gaps are filled, so a failure here retries both.
			gaps, err = c.fillGaps(ctx, resp, since)
		}
		var late []*event.Event
		if err == nil {
			late = c.cryptoSync(ctx, resp, since, gaps) // keys and decryption, before anything is shown
			c.coreMu.Lock()
			c.since = resp.NextBatch
			c.coreMu.Unlock()
			failures, refusals, inARow = 0, 0, 0
			if lost && h.Status != nil {
				h.Status(SyncStatus{Connected: true})
			}
			lost = false
			c.dispatch(resp, gaps, since == "", h)
			c.dispatchRooms(ctx, resp, h) // room_list.go
			c.dispatchLate(late, h)
			continue
		}
		if ctx.Err() != nil {
			break
		}
		inARow++
		cerr := classify(err, "sync")
		if SessionEnded(KindOf(cerr)) {
			return cerr
		}
		class, wait := retryClass(err, time.Second)
		switch class {
		case failRateLimited:
		case failTransient:
			wait = min(syncRetry.Backoff<<min(failures, 10), syncRetry.MaxBackoff)
			failures++
		default:
			// A 4xx other than 401/429. The likeliest cause is a filter or
			// position the server no longer knows (its database was reset):
			// first make a new filter, then also start over with an initial
			// sync; if refusals persist, tell the caller.
			refusals++
			if refusals > syncRetry.Permanent {
				return cerr
			}
			c.coreMu.Lock()
			c.filterID = ""
			if refusals > 1 {
				c.since = ""
			}
			c.coreMu.Unlock()
			wait = syncRetry.Backoff << refusals
		}
		if inARow > quietFailures || KindOf(cerr) == KindNetworkDown {
			lost = true
			if h.Status != nil {
				h.Status(SyncStatus{Err: cerr, RetryIn: wait})
			}
		}
		if !sleepCtx(ctx, wait) {
			break
		}
	}
	return nil
}

// syncOnce makes one /sync request (creating the filter first if needed)
// from the stored position, which it returns; Sync moves the position on
// once the response is handled. quick asks the server to answer at once
// instead of holding the request open until something happens.
func (c *Client) syncOnce(ctx context.Context, quick bool) (*mautrix.RespSync, string, error) {
	c.coreMu.Lock()
	filterID, since := c.filterID, c.since
	c.coreMu.Unlock()
	if filterID == "" {
		var f *mautrix.RespCreateFilter
		err := c.authed(singleAttempt(ctx), func(ctx context.Context) (err error) {
			f, err = c.api.CreateFilter(ctx, syncFilter())
			return err
		})
		if err != nil {
			return nil, since, err
		}
		filterID = f.FilterID
		c.coreMu.Lock()
		c.filterID = filterID
		c.coreMu.Unlock()
	}
	timeout := syncTimeout
	if since == "" || quick {
		// The first sync should answer at once with the current state,
		// and so should the first after a failure.
		timeout = 0
	}
	// A request the network lost without a word (a changed Wi-Fi, a
	// sleeping laptop) must not hold the loop for the HTTP client's three
	// minutes: a poll gets its own wait and a margin.
	ctx, cancel := context.WithTimeout(ctx, timeout+syncMargin(since))
	defer cancel()
	var resp *mautrix.RespSync
	err := c.authed(ctx, func(ctx context.Context) (err error) {
		resp, err = c.api.FullSyncRequest(ctx, mautrix.ReqSync{
			Timeout:  int(timeout / time.Millisecond),
			Since:    since,
			FilterID: filterID,
		})
		return err
	})
	if err != nil {
		return nil, since, err
	}
	return resp, since, nil
}

// dispatch hands one sync response to the handler and the outbox; gaps
// holds, per room, the messages a limited timeline left out (fillGaps),
// which come first.
func (c *Client) dispatch(resp *mautrix.RespSync, gaps map[id.RoomID][]*event.Event, initial bool, h SyncHandler) {
	me := c.Session().UserID
	c.coreMu.Lock()
	ob := c.out
	c.coreMu.Unlock()
	for roomID, room := range resp.Rooms.Join {
		// Members first: with lazy loading the state holds the member
		// event of each sender in the timeline.
		c.names.learn(roomID, room.State.Events)
		c.names.learn(roomID, room.Timeline.Events)
		if c.firstSight(roomID) && h.Earlier != nil && room.Timeline.PrevBatch != "" {
			h.Earlier(roomID, room.Timeline.PrevBatch)
		}
		for _, evt := range append(gaps[roomID], room.Timeline.Events...) {
			if evt.RoomID == "" {
				evt.RoomID = roomID // /sync leaves it out; the room is the map key
			}
			if evt.ID != "" && !c.seen.add(evt.ID) {
				continue
			}
			m, ok := c.toRoomMessage(evt, me)
			if !ok {
				continue
			}
			if m.Encrypted {
				m.Problem = c.decryptProblem(m.EventID)
			}
			m.Initial = initial
			if ob != nil && m.TxnID != "" {
				// The remote echo proves delivery even if the send's own
				// response was lost (for example the tab lost its network
				// right after the server stored the event).
				ob.markSent(m.TxnID, m.EventID)
			}
			if h.Message != nil {
				h.Message(m)
			}
		}
	}
	c.dispatchInvites(resp, me, h)
}

// firstSight reports whether this is the first time Sync's dispatch meets
// room (then its history before the timeline is worth announcing).
func (c *Client) firstSight(room id.RoomID) bool {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	if c.rooms[room] {
		return false
	}
	if c.rooms == nil {
		c.rooms = map[id.RoomID]bool{}
	}
	c.rooms[room] = true
	return true
}

// knowsRoom reports whether Sync's dispatch has met room before.
func (c *Client) knowsRoom(room id.RoomID) bool {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	return c.rooms[room]
}

// dispatchLate hands on messages shown earlier as unreadable that could be
// decrypted now, or that stay unreadable for a new reason (cryptoSync),
// marked as updates.
func (c *Client) dispatchLate(late []*event.Event, h SyncHandler) {
	me := c.Session().UserID
	for _, evt := range late {
		if m, ok := c.toRoomMessage(evt, me); ok && h.Message != nil {
			if m.Encrypted {
				m.Problem = c.decryptProblem(m.EventID)
			}
			m.Update = true
			h.Message(m)
		}
	}
}

// toRoomMessage converts a timeline event the chat can show; anything else
// (state, reactions, redacted messages with no body) is skipped. The
// sender's display name is the one known now (memberNames).
func (c *Client) toRoomMessage(evt *event.Event, me id.UserID) (RoomMessage, bool) {
	if evt == nil || evt.StateKey != nil {
		return RoomMessage{}, false
	}
	m := RoomMessage{
		RoomID:     evt.RoomID,
		EventID:    evt.ID,
		Sender:     evt.Sender,
		SenderName: c.names.name(evt.RoomID, evt.Sender),
		Timestamp:  time.UnixMilli(evt.Timestamp),
		TxnID:      evt.Unsigned.TransactionID,
		Own:        evt.Sender == me,
		Decrypted:  evt.Mautrix.WasEncrypted,
	}
	switch evt.Type {
	case event.EventEncrypted:
		m.Encrypted = true
		return m, true
	case event.EventMessage:
		body, ok := evt.Content.Raw["body"].(string)
		if !ok {
			return RoomMessage{}, false
		}
		m.Body = body
		m.MsgType, _ = evt.Content.Raw["msgtype"].(string)
		return m, true
	}
	return RoomMessage{}, false
}
