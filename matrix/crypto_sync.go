//go:build goolm

package matrix

import (
	"context"
	"errors"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/olm"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// maxFailed bounds the undecryptable messages kept for another try, so a
// room full of history from before one joined cannot grow memory forever.
const maxFailed = 1000

// failedEvent is an encrypted message that could not be read yet, kept so
// it can be tried again when new keys arrive.
type failedEvent struct {
	evt     *event.Event
	problem DecryptProblem
}

// cryptoSync does what encryption needs with one sync response, before
// dispatch shows it: room state into the state store (which rooms are
// encrypted, members, history visibility), the to-device keys and device
// list changes into the OlmMachine, then every encrypted timeline event
// (gaps included) replaced in place by its decrypted form. It returns the
// messages that failed before and decrypt now that keys arrived.
func (c *Client) cryptoSync(ctx context.Context, resp *mautrix.RespSync, since string, gaps map[id.RoomID][]*event.Event) []*event.Event {
	cs := c.cryptoState()
	if cs == nil {
		return nil
	}
	me := c.Session().UserID
	for roomID, room := range resp.Rooms.Join {
		cs.trackState(ctx, roomID, me, room.State.Events, false)
		cs.trackState(ctx, roomID, me, gaps[roomID], true)
		cs.trackState(ctx, roomID, me, room.Timeline.Events, true)
	}
	for roomID, room := range resp.Rooms.Leave {
		cs.trackState(ctx, roomID, me, room.Timeline.Events, true)
	}
	cs.mach.ProcessSyncResponse(ctx, resp, since)
	cs.dispatchVerification(ctx, resp) // verify.go
	late := cs.retryFailed(ctx)
	for roomID, room := range resp.Rooms.Join {
		cs.openAll(ctx, roomID, gaps[roomID])
		cs.openAll(ctx, roomID, room.Timeline.Events)
	}
	// Keys that just arrived go to the backup now; a failure is tried
	// again after the next sync.
	_ = c.BackUpKeys(ctx)
	c.retryIdentity(ctx, cs) // crypto_identity.go
	return late
}

// trackState feeds state events to the state store and the machine;
// timeline says they are changes that just happened (a member joining
// must get the next session's key), not the room's state at the start.
func (cs *cryptoState) trackState(ctx context.Context, roomID id.RoomID, me id.UserID, evts []*event.Event, timeline bool) {
	for _, evt := range evts {
		if evt == nil || evt.StateKey == nil {
			continue
		}
		if evt.RoomID == "" {
			evt.RoomID = roomID
		}
		if evt.Content.Parsed == nil {
			_ = evt.Content.ParseRaw(evt.Type) // an unparsable event is skipped below
		}
		mautrix.UpdateStateStore(ctx, cs.state, evt)
		switch evt.Type {
		case event.StateMember:
			if m := evt.Content.AsMember(); id.UserID(*evt.StateKey) == me && m.Membership == event.MembershipJoin {
				cs.mu.Lock()
				cs.joined[roomID] = evt.Timestamp
				cs.mu.Unlock()
			}
			if timeline {
				cs.mach.HandleMemberEvent(ctx, evt)
			}
		case event.StateHistoryVisibility:
			if timeline {
				cs.mach.HandleHistoryVisibility(ctx, evt)
			}
		case event.StateEncryption:
			cs.mu.Lock()
			delete(cs.plain, roomID)
			cs.mu.Unlock()
		}
	}
}

// openAll decrypts, in place, the encrypted events of one room's list.
func (cs *cryptoState) openAll(ctx context.Context, roomID id.RoomID, evts []*event.Event) {
	for i, evt := range evts {
		if evt == nil || evt.Type != event.EventEncrypted {
			continue
		}
		if evt.RoomID == "" {
			evt.RoomID = roomID // the machine refuses an event without its room (ErrWrongRoom)
		}
		if dec := cs.open(ctx, evt); dec != nil {
			evts[i] = dec
		}
	}
}

// open decrypts one event; on failure it records why (for dispatch to
// show) and keeps the event for retryFailed, and returns nil. A message
// from a device its owner has not cross-signed is not shown either
// (MSC4153): it counts as unreadable until that device is verified.
func (cs *cryptoState) open(ctx context.Context, evt *event.Event) *event.Event {
	var dec *event.Event
	var err error
	if evt.Content.Parsed == nil { // a retry finds it parsed, and ParseRaw refuses twice
		err = evt.Content.ParseRaw(evt.Type)
	}
	if err == nil {
		dec, err = cs.mach.DecryptMegolmEvent(ctx, evt)
	}
	var p DecryptProblem
	switch {
	case err != nil:
		p = cs.why(ctx, evt, err)
	case !crossSignedSender(dec):
		p = ProblemSenderUnverified
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if p == "" {
		// cs.failed keeps it until retryFailed hands it to Sync as an
		// update, even when History read it first.
		delete(cs.problem, evt.ID)
		return dec
	}
	if p == ProblemKeysNotShared && cs.unverifiedHere() {
		p = ProblemDeviceUnverified // not on its way: see the kind
	}
	cs.problem[evt.ID] = p
	switch {
	case !p.Retried():
		delete(cs.failed, evt.ID)
	case len(cs.failed) < maxFailed || cs.failed[evt.ID].evt != nil:
		cs.failed[evt.ID] = failedEvent{evt: evt, problem: p}
	}
	return nil
}

// crossSignedSender says whether a decrypted message may be shown: its
// sending device is cross-signed by its owner (or is this device), or its
// key came from somewhere that vouched for it earlier (the key backup, a
// forward). A device the server no longer lists (signed out since) is not
// held against the message. What is hidden: a device known and not signed,
// a device whose keys do not match the message's, a blocked one.
func crossSignedSender(dec *event.Event) bool {
	return dec.Mautrix.TrustState >= id.TrustStateUnknownDevice
}

// why turns the machine's error into a DecryptProblem.
func (cs *cryptoState) why(ctx context.Context, evt *event.Event, err error) DecryptProblem {
	switch {
	case errors.Is(err, crypto.ErrGroupSessionWithheld):
		// The error carries no code (mautrix wraps a blank notice): the
		// notice itself is in the store.
		var code event.RoomKeyWithheldCode
		if content, ok := evt.Content.Parsed.(*event.EncryptedEventContent); ok {
			if w, _ := cs.store.GetWithheldGroupSession(ctx, evt.RoomID, content.SessionID); w != nil {
				code = w.Code
			}
		}
		switch code {
		case event.RoomKeyWithheldUnauthorized:
			return ProblemSentBeforeJoin
		case event.RoomKeyWithheldUnverified:
			return ProblemWithheldUnverified
		case event.RoomKeyWithheldBlacklisted:
			return ProblemWithheld
		}
		return ProblemKeysNotShared
	case errors.Is(err, crypto.ErrNoSessionFound):
		cs.mu.Lock()
		joined, ok := cs.joined[evt.RoomID]
		cs.mu.Unlock()
		if ok && evt.Timestamp < joined {
			return ProblemSentBeforeJoin
		}
		return ProblemKeysNotShared
	case errors.Is(err, olm.ErrUnknownMessageIndex):
		// We hold the session, but only from a later message on: it was
		// shared with us after this one was sent.
		return ProblemSentBeforeJoin
	}
	return ProblemBroken
}

// retryFailed tries the kept undecryptable events again and returns those
// that now decrypt, and, still encrypted, those that stay unreadable for a
// new reason (a withheld notice came after the message, say), so the reader
// is told the new one.
func (cs *cryptoState) retryFailed(ctx context.Context) []*event.Event {
	cs.mu.Lock()
	todo := make([]failedEvent, 0, len(cs.failed))
	for _, f := range cs.failed {
		todo = append(todo, f)
	}
	cs.mu.Unlock()
	var late []*event.Event
	for _, f := range todo {
		dec := cs.open(ctx, f.evt)
		cs.mu.Lock()
		switch {
		case dec != nil:
			late = append(late, dec)
			delete(cs.failed, f.evt.ID)
		case cs.problem[f.evt.ID] != f.problem:
			late = append(late, f.evt)
		}
		cs.mu.Unlock()
	}
	return late
}

// decryptProblem is why the encrypted message evtID could not be read.
func (c *Client) decryptProblem(evtID id.EventID) DecryptProblem {
	cs := c.cryptoState()
	if cs == nil {
		return ProblemEncryptionOff
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if p, ok := cs.problem[evtID]; ok {
		return p
	}
	return ProblemBroken
}

// openHistory decrypts, in place, what History fetched.
func (c *Client) openHistory(ctx context.Context, roomID id.RoomID, evts []*event.Event) {
	if cs := c.cryptoState(); cs != nil {
		cs.openAll(ctx, roomID, evts)
	}
}

// cryptoSideSync gives the machine what a sync other than Sync's own
// (findOwnEcho's) brought: to-device messages are gone from the server once
// any sync moves past them.
func (c *Client) cryptoSideSync(ctx context.Context, resp *mautrix.RespSync, since string) {
	if cs := c.cryptoState(); cs != nil {
		cs.mach.ProcessSyncResponse(ctx, resp, since)
		cs.dispatchVerification(ctx, resp)
	}
}
