package matrix

import (
	"context"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// HistoryPage is one step back through a room's timeline.
type HistoryPage struct {
	Messages []RoomMessage // oldest first
	// Earlier is where the next step back starts (pass it to Earlier);
	// "" once the start of what the reader may see is reached.
	Earlier string
}

// History returns up to limit of the room's most recent messages, oldest
// first, for filling the chat after a reload. It does not disturb Sync's
// position.
func (c *Client) History(ctx context.Context, roomID id.RoomID, limit int) ([]RoomMessage, error) {
	page, err := c.Earlier(ctx, roomID, "", limit)
	return page.Messages, err
}

// Earlier returns up to limit messages from before from, oldest first
// (GET /rooms/{id}/messages backwards): from is a SyncHandler.Earlier
// token or a page's Earlier, and "" means from the newest message. The
// senders' display names come with them (lazy-loaded member state). A page
// with no messages and Earlier "" means there is nothing older.
func (c *Client) Earlier(ctx context.Context, roomID id.RoomID, from string, limit int) (HistoryPage, error) {
	if limit <= 0 {
		limit = 20
	}
	filter := &mautrix.FilterPart{Types: timelineTypes, LazyLoadMembers: true}
	var resp *mautrix.RespMessages
	err := c.call(ctx, opMessages, true, func(ctx context.Context) (err error) {
		resp, err = c.api.Messages(ctx, roomID, from, "", mautrix.DirectionBackward, filter, limit)
		return err
	})
	if err != nil {
		return HistoryPage{}, err
	}
	c.names.learn(roomID, resp.State)
	c.lookUpNames(ctx, roomID, resp.Chunk)
	c.openHistory(ctx, roomID, resp.Chunk) // decrypts what it can (crypto_*.go)
	page := HistoryPage{Messages: make([]RoomMessage, 0, len(resp.Chunk))}
	me := c.Session().UserID
	for i := len(resp.Chunk) - 1; i >= 0; i-- {
		evt := resp.Chunk[i]
		if evt.RoomID == "" {
			evt.RoomID = roomID
		}
		if m, ok := c.toRoomMessage(evt, me); ok {
			if m.Encrypted {
				m.Problem = c.decryptProblem(m.EventID)
			}
			m.Initial = true
			page.Messages = append(page.Messages, m)
		}
	}
	// The spec leaves end out at the start of the room; a server may
	// instead answer an empty page, or the same token again.
	if len(resp.Chunk) > 0 && resp.End != "" && resp.End != from {
		page.Earlier = resp.End
	}
	return page, nil
}
