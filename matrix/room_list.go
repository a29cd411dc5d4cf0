package matrix

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// roomList is what Sync learns about the rooms the user is in, for a list
// to switch between: each room's name and address from its state, the
// other person of a direct chat (the account's m.direct) or, for a room
// with neither name nor address, the member the server offers to call it
// by (m.heroes), and when something last happened there. It also keeps the
// account's m.direct and ignored users as the last sync had them.
type roomList struct {
	mu      sync.Mutex
	rooms   map[id.RoomID]*RoomSummary
	direct  map[id.RoomID]id.UserID // from m.direct: room → the other person
	ignored []id.UserID             // m.ignored_user_list, sorted
	named   map[id.UserID]bool      // direct-chat partners whose name was looked up
}

// Rooms is the list of rooms the user is in as Sync knows it, the most
// recently active first.
func (c *Client) Rooms() []RoomSummary {
	l := &c.roomList
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sortedLocked()
}

func (l *roomList) sortedLocked() []RoomSummary {
	out := make([]RoomSummary, 0, len(l.rooms))
	for _, r := range l.rooms {
		out = append(out, *r)
	}
	slices.SortStableFunc(out, func(a, b RoomSummary) int {
		if c := b.LastActive.Compare(a.LastActive); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	return out
}

// IgnoredUsers is the account's list of ignored people as the last sync
// (or IgnoreUser, UnignoreUser) left it.
func (c *Client) IgnoredUsers() []id.UserID {
	l := &c.roomList
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.ignored)
}

// room returns the summary of roomID, made when missing. l.mu is held.
func (l *roomList) room(roomID id.RoomID) *RoomSummary {
	if l.rooms == nil {
		l.rooms = map[id.RoomID]*RoomSummary{}
	}
	r := l.rooms[roomID]
	if r == nil {
		r = &RoomSummary{ID: roomID}
		l.rooms[roomID] = r
	}
	return r
}

// forgetRoom drops roomID from the list (the user left it).
func (c *Client) forgetRoom(roomID id.RoomID) {
	c.roomList.mu.Lock()
	delete(c.roomList.rooms, roomID)
	c.roomList.mu.Unlock()
}

// setIgnored replaces the ignored list.
func (l *roomList) setIgnored(users []id.UserID) {
	slices.Sort(users)
	l.mu.Lock()
	l.ignored = slices.Compact(users)
	l.mu.Unlock()
}

// dispatchRooms brings the room list up to date with one sync response and
// tells h when it or the ignored list changed. Direct-chat partners whose
// display name no event has shown yet are looked up once (one small
// request each; a beginner has few).
func (c *Client) dispatchRooms(ctx context.Context, resp *mautrix.RespSync, h SyncHandler) {
	l := &c.roomList
	ignoredChanged := false
	for _, evt := range resp.AccountData.Events {
		switch evt.Type {
		case event.AccountDataDirectChats:
			l.mu.Lock()
			l.direct = directRooms(evt.Content.Raw)
			l.mu.Unlock()
		case event.AccountDataIgnoredUserList:
			l.setIgnored(ignoredUsers(evt.Content.Raw))
			ignoredChanged = true
		}
	}
	changed := len(resp.AccountData.Events) > 0
	for roomID := range resp.Rooms.Leave {
		c.forgetRoom(roomID)
		changed = true
	}
	me := c.Session().UserID
	var partners []id.RoomID
	l.mu.Lock()
	for roomID, room := range resp.Rooms.Join {
		changed = true
		r := l.room(roomID)
		for _, evts := range [][]*event.Event{room.State.Events, room.Timeline.Events} {
			for _, evt := range evts {
				noteRoomEvent(r, evt)
			}
		}
		if heroes := room.Summary.Heroes; len(heroes) > 0 {
			r.hero = ""
			for _, u := range heroes {
				if u != me {
					r.hero = u
					break
				}
			}
		}
	}
	for roomID, r := range l.rooms {
		with, direct := r.hero, false
		if u, ok := l.direct[roomID]; ok {
			with, direct = u, true
		}
		if with != r.With {
			r.WithName = ""
		}
		r.With, r.Direct = with, direct
		if with == "" {
			continue
		}
		if name := c.names.name(roomID, with); name != "" {
			r.WithName = name
		}
		if r.WithName == "" && direct && !l.named[with] {
			partners = append(partners, roomID)
		}
	}
	l.mu.Unlock()
	for _, roomID := range partners {
		c.lookUpPartner(ctx, roomID)
	}
	if changed && h.Rooms != nil {
		h.Rooms(c.Rooms())
	}
	if ignoredChanged && h.Ignored != nil {
		h.Ignored(c.IgnoredUsers())
	}
}

// lookUpPartner learns the display name of a direct chat's other person
// from their member event in the room, when no sync has carried it (lazy
// loading sends only the members who wrote something).
func (c *Client) lookUpPartner(ctx context.Context, roomID id.RoomID) {
	l := &c.roomList
	l.mu.Lock()
	r := l.rooms[roomID]
	if r == nil {
		l.mu.Unlock()
		return
	}
	user := r.With
	if l.named == nil {
		l.named = map[id.UserID]bool{}
	}
	l.named[user] = true
	l.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c.lookUpNames(ctx, roomID, []*event.Event{{Sender: user}})
	l.mu.Lock()
	if r := l.rooms[roomID]; r != nil && r.With == user {
		r.WithName = c.names.name(roomID, user)
	}
	l.mu.Unlock()
}

// noteRoomEvent takes what the list shows from one of a room's events.
func noteRoomEvent(r *RoomSummary, evt *event.Event) {
	if evt == nil {
		return
	}
	if ts := time.UnixMilli(evt.Timestamp); evt.Timestamp > 0 && ts.After(r.LastActive) {
		r.LastActive = ts
	}
	if evt.StateKey == nil || *evt.StateKey != "" {
		return
	}
	switch evt.Type {
	case event.StateRoomName:
		name, _ := evt.Content.Raw["name"].(string)
		r.Name = cleanName(name)
	case event.StateCanonicalAlias:
		alias, _ := evt.Content.Raw["alias"].(string)
		r.Alias = id.RoomAlias(cleanName(alias))
	}
}

// directRooms turns m.direct's content (user → room IDs) into room → user.
// A room listed under two people (it happens after merges by other apps)
// keeps the first in sort order, so the label does not change between
// syncs.
func directRooms(content map[string]any) map[id.RoomID]id.UserID {
	out := map[id.RoomID]id.UserID{}
	users := make([]string, 0, len(content))
	for u := range content {
		users = append(users, u)
	}
	slices.Sort(users)
	for _, u := range users {
		rooms, _ := content[u].([]any)
		for _, r := range rooms {
			if s, ok := r.(string); ok {
				if _, taken := out[id.RoomID(s)]; !taken {
					out[id.RoomID(s)] = id.UserID(u)
				}
			}
		}
	}
	return out
}

// ignoredUsers reads m.ignored_user_list's content.
func ignoredUsers(content map[string]any) []id.UserID {
	m, _ := content["ignored_users"].(map[string]any)
	out := make([]id.UserID, 0, len(m))
	for u := range m {
		out = append(out, id.UserID(u))
	}
	return out
}
