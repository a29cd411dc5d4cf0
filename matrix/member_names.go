package matrix

import (
	"context"
	"sync"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// maxNameRunes bounds a display name as the chat shows it: the spec sets no
// limit a client can rely on, and a name of ten thousand characters must
// not push the messages off a phone's screen.
const maxNameRunes = 64

// memberNames remembers, per room, the display name each member gave
// themselves there (m.room.member's displayname), from every place the
// server sends member events: a sync's state and timeline, and the state
// that /messages returns with lazy loading. A name is per room in Matrix,
// so the same person may be called differently in two rooms.
type memberNames struct {
	mu    sync.Mutex
	rooms map[id.RoomID]map[id.UserID]string
}

// learn takes the display names from the member events among evts.
func (n *memberNames) learn(room id.RoomID, evts []*event.Event) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, evt := range evts {
		if evt == nil || evt.Type != event.StateMember || evt.StateKey == nil {
			continue
		}
		user := id.UserID(*evt.StateKey)
		membership, _ := evt.Content.Raw["membership"].(string)
		if membership != "join" && membership != "invite" {
			// Someone who left keeps the name their messages were
			// written under: the leave event has none of its own.
			continue
		}
		if n.rooms == nil {
			n.rooms = map[id.RoomID]map[id.UserID]string{}
		}
		if n.rooms[room] == nil {
			n.rooms[room] = map[id.UserID]string{}
		}
		name, _ := evt.Content.Raw["displayname"].(string)
		n.rooms[room][user] = cleanName(name) // "" when they set none
	}
}

// unknown lists the senders of evts whose member event has not been seen
// in room, each once.
func (n *memberNames) unknown(room id.RoomID, evts []*event.Event) []id.UserID {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []id.UserID
	asked := map[id.UserID]bool{}
	for _, evt := range evts {
		if _, ok := n.rooms[room][evt.Sender]; ok || asked[evt.Sender] || evt.Sender == "" {
			continue
		}
		asked[evt.Sender] = true
		out = append(out, evt.Sender)
	}
	return out
}

// lookUpNames asks the server for the member event of each sender in evts
// whose name is not known yet. Synapse sends these along with /messages
// (lazy loading), Dendrite 0.15 does not; one request per unknown sender
// (a page has few) is cheaper than the whole member list of a big room. A
// failed lookup leaves the name unknown; the chat shows the user ID then.
func (c *Client) lookUpNames(ctx context.Context, room id.RoomID, evts []*event.Event) {
	for _, user := range c.names.unknown(room, evts) {
		var content map[string]any
		if c.api.StateEvent(ctx, room, event.StateMember, string(user), &content) != nil {
			continue
		}
		key := string(user)
		c.names.learn(room, []*event.Event{{
			Type: event.StateMember, StateKey: &key,
			Content: event.Content{Raw: content},
		}})
	}
}

// name is user's display name in room, or "" when none is known.
func (n *memberNames) name(room id.RoomID, user id.UserID) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.rooms[room][user]
}

// cleanName makes a display name fit to show as one line of text (see
// oneLine), cut to maxNameRunes.
func cleanName(s string) string { return oneLine(s, maxNameRunes) }
