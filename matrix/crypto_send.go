//go:build goolm

package matrix

import (
	"context"
	"errors"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// seal returns what to send for content in roomID: the megolm-encrypted
// event when the room is encrypted and this client has encryption on, else
// the message as it is. The caller sends the result under the message's
// own transaction ID, so a retry after a lost answer is still stored once
// by the server, whatever the ciphertext.
func (c *Client) seal(ctx context.Context, roomID id.RoomID, content *event.MessageEventContent) (event.Type, any, error) {
	cs := c.cryptoState()
	if cs == nil {
		return event.EventMessage, content, nil
	}
	encrypted, err := cs.roomEncrypted(ctx, c.api, roomID)
	if err != nil || !encrypted {
		return event.EventMessage, content, err
	}
	sealed, err := cs.mach.EncryptMegolmEvent(ctx, roomID, event.EventMessage, content)
	// No session for the room yet (or it expired, or a member changed):
	// make one and give its key to every device of every member, the full
	// list from the server, not sync's lazy-loaded part. Sync may drop the
	// new session again at once (a member event it handles meanwhile, such
	// as a join that just happened, ends the room's outbound session), so
	// this is tried a few times.
	for try := 0; try < 3 && crypto.IsShareError(err); try++ {
		var members []id.UserID
		if members, err = cs.members(ctx, c.api, roomID); err != nil {
			break
		}
		if err = cs.mach.ShareGroupSession(ctx, roomID, members); err != nil {
			break
		}
		_ = c.BackUpKeys(ctx) // the new session's key, as it is made
		sealed, err = cs.mach.EncryptMegolmEvent(ctx, roomID, event.EventMessage, content)
	}
	if err != nil {
		return event.Type{}, nil, err
	}
	return event.EventEncrypted, sealed, nil
}

// roomEncrypted says whether roomID has m.room.encryption. The state store
// knows once Sync has seen the room; a room Sync has not reached yet (just
// created or joined) is asked of the server, so a message is never sent in
// the clear into an encrypted room.
func (cs *cryptoState) roomEncrypted(ctx context.Context, api *mautrix.Client, roomID id.RoomID) (bool, error) {
	if on, err := cs.state.IsEncrypted(ctx, roomID); err != nil || on {
		return on, err
	}
	cs.mu.Lock()
	plain := cs.plain[roomID]
	cs.mu.Unlock()
	if plain {
		return false, nil
	}
	var enc event.EncryptionEventContent
	err := api.StateEvent(ctx, roomID, event.StateEncryption, "", &enc)
	switch {
	case errors.Is(err, mautrix.MNotFound):
		cs.mu.Lock()
		cs.plain[roomID] = true
		cs.mu.Unlock()
		return false, nil
	case err != nil:
		return false, err
	}
	if err := cs.state.SetEncryptionEvent(ctx, roomID, &enc); err != nil {
		return false, err
	}
	return enc.Algorithm == id.AlgorithmMegolmV1, nil
}

// members returns everyone joined to or invited into roomID, from the
// server (Members also refreshes the state store).
func (cs *cryptoState) members(ctx context.Context, api *mautrix.Client, roomID id.RoomID) ([]id.UserID, error) {
	if _, err := api.Members(ctx, roomID); err != nil {
		return nil, err
	}
	return cs.state.GetRoomJoinedOrInvitedMembers(ctx, roomID)
}
