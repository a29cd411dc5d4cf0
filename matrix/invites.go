package matrix

import (
	"context"
	"sync"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Invite is an invitation to a room, from the invite's stripped state (what
// the server shows of a room to someone not yet in it). Names are what
// other people chose: text, never markup.
type Invite struct {
	RoomID  id.RoomID
	Inviter id.UserID
	// InviterName is the inviter's display name when the stripped state
	// carries their member event (Synapse sends it), else "".
	InviterName string
	RoomName    string
	// Direct: the inviter marked it as a direct chat (is_direct on the
	// invite), as apps do for a one-to-one conversation.
	Direct bool
}

// pendingInvites remembers the invitations Sync reported and not yet saw
// end, so that a room turning up in the join or leave section (joined from
// another device, declined elsewhere, withdrawn by the inviter) is reported
// gone exactly for those.
type pendingInvites struct {
	mu    sync.Mutex
	rooms map[id.RoomID]bool
}

func (p *pendingInvites) add(room id.RoomID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rooms == nil {
		p.rooms = map[id.RoomID]bool{}
	}
	p.rooms[room] = true
}

// end forgets room and reports whether it was pending.
func (p *pendingInvites) end(room id.RoomID) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.rooms[room] {
		return false
	}
	delete(p.rooms, room)
	return true
}

// dispatchInvites hands the response's new invitations to h.Invite and the
// ended ones to h.InviteGone.
func (c *Client) dispatchInvites(resp *mautrix.RespSync, me id.UserID, h SyncHandler) {
	for roomID := range resp.Rooms.Join {
		if c.invites.end(roomID) && h.InviteGone != nil {
			h.InviteGone(roomID)
		}
	}
	for roomID := range resp.Rooms.Leave {
		if c.invites.end(roomID) && h.InviteGone != nil {
			h.InviteGone(roomID)
		}
	}
	for roomID, room := range resp.Rooms.Invite {
		inv, ok := inviteFrom(roomID, room.State.Events, me)
		if !ok {
			continue
		}
		c.invites.add(roomID)
		if h.Invite != nil {
			h.Invite(inv)
		}
	}
}

// inviteFrom reads one invitation out of its stripped state: who invited
// me (the sender of my invite member event), their display name from their
// own member event when the server included it, the room's name, and
// is_direct. ok is false when the state holds no invite of mine.
func inviteFrom(roomID id.RoomID, state []*event.Event, me id.UserID) (Invite, bool) {
	inv := Invite{RoomID: roomID}
	found := false
	names := map[id.UserID]string{}
	for _, evt := range state {
		if evt == nil {
			continue
		}
		switch evt.Type {
		case event.StateMember:
			if evt.StateKey == nil {
				continue
			}
			who := id.UserID(*evt.StateKey)
			if name, ok := evt.Content.Raw["displayname"].(string); ok {
				names[who] = name
			}
			if who == me && evt.Content.Raw["membership"] == "invite" {
				found = true
				inv.Inviter = evt.Sender
				inv.Direct, _ = evt.Content.Raw["is_direct"].(bool)
			}
		case event.StateRoomName:
			inv.RoomName, _ = evt.Content.Raw["name"].(string)
		}
	}
	if inv.Inviter != me {
		inv.InviterName = names[inv.Inviter]
	}
	return inv, found
}

// DeclineInvite turns down an invitation (leaving the room one is invited
// to); the inviter sees it declined. A repeat after a lost answer is safe:
// Synapse answers it as a success, Dendrite with a 400 (already left), and
// either way the leave reaches Sync (InviteGone).
func (c *Client) DeclineInvite(ctx context.Context, room id.RoomID) error {
	return c.call(ctx, opLeave, true, func(ctx context.Context) error {
		_, err := c.api.LeaveRoom(ctx, room)
		return err
	})
}
