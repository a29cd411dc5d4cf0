package matrix

import (
	"context"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// maxGap bounds how many missed messages fillGaps fetches per room. After a
// long time offline in a busy room the oldest ones are left to History and
// scrolling; a chat should not stall downloading hundreds of messages.
// maxGapPages bounds the requests for them: Dendrite, asked for a range
// that ends at a sync position, can answer page after page of one event.
const (
	maxGap      = 200
	maxGapPages = 10
)

// fillGaps fetches what a limited timeline left out. When more happened in
// a room since the last sync than the filter's timeline limit, the server
// sends only the newest events with limited set and prev_batch pointing
// before them; without this, a reader whose connection dropped for a few
// seconds in a lively room would silently miss messages. The missing ones
// are between since (where the last sync ended) and prev_batch, and
// /messages walks that range backwards. Dendrite bounds that range loosely
// (it returned events from before since), so the walk also stops at the
// first event Sync already delivered. The initial sync (since "") is recent
// history, not a gap. Returns oldest first, per room.
func (c *Client) fillGaps(ctx context.Context, resp *mautrix.RespSync, since string) (map[id.RoomID][]*event.Event, error) {
	if since == "" {
		return nil, nil
	}
	var gaps map[id.RoomID][]*event.Event
	filter := &mautrix.FilterPart{Types: timelineTypes, LazyLoadMembers: true}
	for roomID, room := range resp.Rooms.Join {
		if !room.Timeline.Limited || room.Timeline.PrevBatch == "" || !c.knowsRoom(roomID) {
			// A room just joined has no gap: what came before is its
			// history, which Earlier offers (SyncHandler.Earlier).
			continue
		}
		var missed []*event.Event // newest first, as /messages backwards returns them
		from := room.Timeline.PrevBatch
		for pages := 0; len(missed) < maxGap && pages < maxGapPages; pages++ {
			var page *mautrix.RespMessages
			err := c.call(ctx, opSync, true, func(ctx context.Context) (err error) {
				page, err = c.api.Messages(ctx, roomID, from, since, mautrix.DirectionBackward, filter, min(100, maxGap-len(missed)))
				return err
			})
			if err != nil {
				return nil, err
			}
			c.names.learn(roomID, page.State)
			c.lookUpNames(ctx, roomID, page.Chunk)
			reached := false
			for _, evt := range page.Chunk {
				if reached = c.seen.has(evt.ID); reached {
					break
				}
				missed = append(missed, evt)
			}
			if reached || page.End == "" || len(page.Chunk) == 0 {
				break
			}
			from = page.End
		}
		if gaps == nil {
			gaps = map[id.RoomID][]*event.Event{}
		}
		for i := len(missed) - 1; i >= 0; i-- {
			gaps[roomID] = append(gaps[roomID], missed[i])
		}
	}
	return gaps, nil
}
