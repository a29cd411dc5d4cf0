package matrix

import (
	"context"
	"slices"
	"strings"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// KindMissingReason: a report without a word about what is wrong.
const KindMissingReason Kind = "missing_reason"

// opReport names reporting a message (POST /rooms/{id}/report/{eventId}).
const opReport = "report"

// LeaveRoom leaves roomID (POST /rooms/{id}/leave) and drops it from
// Rooms at once. Leaving twice changes nothing, so a lost answer is
// retried.
func (c *Client) LeaveRoom(ctx context.Context, roomID id.RoomID) error {
	err := c.call(ctx, opLeave, true, func(ctx context.Context) error {
		_, err := c.api.LeaveRoom(ctx, roomID)
		return err
	})
	if err != nil && !c.notIn(ctx, roomID) {
		return err
	}
	c.forgetRoom(roomID)
	return nil
}

// notIn reports whether the server is sure the user is not in roomID:
// Dendrite refuses to leave a room already left (400 "not joined"), which
// for the reader means the leave is done.
func (c *Client) notIn(ctx context.Context, roomID id.RoomID) bool {
	var resp *mautrix.RespJoinedRooms
	err := c.call(ctx, opRoom, true, func(ctx context.Context) (err error) {
		resp, err = c.api.JoinedRooms(ctx)
		return err
	})
	return err == nil && !slices.Contains(resp.JoinedRooms, roomID)
}

// The cases of a report that call for their own words.
const (
	ReasonReportNotSent Reason = "report_not_sent" // KindBadRequest: the message has no event ID yet
	ReasonReportGone    Reason = "report_gone"     // KindNotFound: the server no longer has it
)

// ReportMessage reports a message to the administrators of the reader's
// server with the reason given (POST /rooms/{roomId}/report/{eventId}).
// A report made twice is two reports, so only a 429 is retried.
func (c *Client) ReportMessage(ctx context.Context, roomID id.RoomID, eventID id.EventID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &Error{Kind: KindMissingReason}
	}
	if eventID == "" || !strings.HasPrefix(string(eventID), "$") {
		return &Error{Kind: KindBadRequest, Reason: ReasonReportNotSent}
	}
	err := c.call(ctx, opReport, false, func(ctx context.Context) error {
		return c.api.ReportEvent(ctx, roomID, eventID, reason)
	})
	if KindOf(err) == KindNotFound {
		return &Error{Kind: KindNotFound, Reason: ReasonReportGone, Err: err}
	}
	return err
}
