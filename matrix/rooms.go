package matrix

import (
	"context"
	"net/url"
	"strings"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Kinds for input the reader typed that is not shaped like a Matrix
// identifier. They are caught before any request, so the widget can point
// at the field instead of blaming the server.
const (
	KindBadRoomAddress Kind = "bad_room_address" // not #alias:server or !id
	KindBadUserID      Kind = "bad_user_id"      // not @name:server
)

// RoomSummary is what a room list needs: the ID to act on and something a
// person recognises. Name and Alias are empty when the room has none. The
// rest is filled by Sync (room_list.go, Client.Rooms): the other person of
// a direct chat, or of an unnamed room, and when the room last saw
// activity. Names are text people chose: show them as text, never markup.
type RoomSummary struct {
	ID    id.RoomID
	Name  string
	Alias id.RoomAlias
	// With is the other person of a direct chat (Direct, from the
	// account's m.direct), or for another room the member the server
	// offers to name it by (m.heroes); WithName is their display name
	// there, "" when unknown.
	With       id.UserID
	WithName   string
	Direct     bool
	LastActive time.Time // the newest event Sync saw there

	hero id.UserID // from the sync summary, kept between syncs
}

// Title is the best label for the room: its name, else its address, else
// its ID.
func (r RoomSummary) Title() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.Alias != "":
		return string(r.Alias)
	}
	return string(r.ID)
}

// CreatePrivateRoom makes an invite-only room (preset private_chat: history
// visible to members, nobody can join uninvited) and invites the given
// people. It returns the new room's ID.
func (c *Client) CreatePrivateRoom(ctx context.Context, name string, invite ...id.UserID) (id.RoomID, error) {
	for _, u := range invite {
		if err := checkUserID(u); err != nil {
			return "", err
		}
	}
	req := &mautrix.ReqCreateRoom{
		Visibility: "private",
		Preset:     "private_chat",
		Name:       strings.TrimSpace(name),
		Invite:     invite,
		// Encrypted (megolm) when this client has encryption on (crypto.go).
		InitialState: c.newRoomEncryption(),
	}
	roomID, err := c.createRoom(ctx, req)
	if err == nil {
		c.rememberNewRoomEncryption(roomID, req.InitialState)
	}
	return roomID, err
}

// CreatePublicRoom makes a room anyone can join and publishes it in the
// server's room directory under #aliasLocalpart:server (for example the
// guide's #welcome room). It returns the new room's ID.
func (c *Client) CreatePublicRoom(ctx context.Context, name, aliasLocalpart string) (id.RoomID, error) {
	local := strings.TrimPrefix(strings.TrimSpace(aliasLocalpart), "#")
	if local == "" || strings.ContainsAny(local, ": \t\r\n") {
		return "", &Error{Kind: KindBadRoomAddress, Reason: ReasonAliasLocalpart}
	}
	return c.createRoom(ctx, &mautrix.ReqCreateRoom{
		Visibility:    "public",
		Preset:        "public_chat",
		Name:          strings.TrimSpace(name),
		RoomAliasName: local,
	})
}

// createRoom is not idempotent (a repeat after a lost answer makes a second
// room), so only a 429 is retried.
func (c *Client) createRoom(ctx context.Context, req *mautrix.ReqCreateRoom) (id.RoomID, error) {
	var resp *mautrix.RespCreateRoom
	err := c.call(ctx, "create_room", false, func(ctx context.Context) (err error) {
		resp, err = c.api.CreateRoom(ctx, req)
		return err
	})
	if err != nil {
		return "", err
	}
	return resp.RoomID, nil
}

// JoinRoom joins a room by its address (#welcome:example.org) or ID
// (!abc:example.org), also accepting an invitation to it. The shape is
// checked first so a typo gets a sentence about the typo; an address no
// server knows gives KindRoomNotFound.
func (c *Client) JoinRoom(ctx context.Context, aliasOrID string) (id.RoomID, error) {
	target, err := parseRoomAddress(aliasOrID)
	if err != nil {
		return "", err
	}
	var req *mautrix.ReqJoinRoom
	if strings.HasPrefix(target, "#") {
		// Resolve the address first: the directory answers an unknown
		// address with a clean 404 M_NOT_FOUND (Dendrite 0.15 answers a
		// join by an unknown local alias with a bare 500), and the join then
		// goes by room ID via the servers the directory named.
		var res *mautrix.RespAliasResolve
		err := c.call(ctx, "resolve_alias", true, func(ctx context.Context) (err error) {
			res, err = c.api.ResolveAlias(ctx, id.RoomAlias(target))
			return err
		})
		if err != nil {
			return "", err
		}
		target, req = string(res.RoomID), &mautrix.ReqJoinRoom{Via: res.Servers}
	}
	// Joining a room one is already in changes nothing, so a repeat after a
	// lost answer is safe. Dendrite rate-limits joins, so a double click or
	// a burst of joins meets 429s, which call waits out.
	var resp *mautrix.RespJoinRoom
	err = c.call(ctx, "join", true, func(ctx context.Context) (err error) {
		resp, err = c.api.JoinRoom(ctx, target, req)
		return err
	})
	if err != nil {
		return "", err
	}
	return resp.RoomID, nil
}

// JoinedRooms lists the rooms the user is in. Names and addresses are
// fetched for the first few rooms only: a beginner has a handful, and each
// costs two requests.
func (c *Client) JoinedRooms(ctx context.Context) ([]RoomSummary, error) {
	const describeAtMost = 25
	var resp *mautrix.RespJoinedRooms
	err := c.call(ctx, "room", true, func(ctx context.Context) (err error) {
		resp, err = c.api.JoinedRooms(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]RoomSummary, 0, len(resp.JoinedRooms))
	for i, r := range resp.JoinedRooms {
		s := RoomSummary{ID: r}
		if i < describeAtMost {
			// A room without a name or address answers 404 here, which is
			// normal, so these lookups' errors are ignored.
			var name event.RoomNameEventContent
			if c.api.StateEvent(ctx, r, event.StateRoomName, "", &name) == nil {
				s.Name = name.Name
			}
			var alias event.CanonicalAliasEventContent
			if c.api.StateEvent(ctx, r, event.StateCanonicalAlias, "", &alias) == nil {
				s.Alias = alias.Alias
			}
		}
		out = append(out, s)
		if ctx.Err() != nil {
			return nil, classify(ctx.Err(), "room")
		}
	}
	return out, nil
}

// What is wrong with a room address as typed (KindBadRoomAddress); without
// a Reason, it is not shaped like one at all.
const (
	ReasonRoomEmpty        Reason = "room_empty"
	ReasonRoomTooLong      Reason = "room_too_long"
	ReasonRoomSpaces       Reason = "room_spaces"
	ReasonRoomIDIncomplete Reason = "room_id_incomplete" // a lone "!"
	ReasonRoomNoColon      Reason = "room_no_colon"      // #name without :server
	ReasonRoomBadServer    Reason = "room_bad_server"    // what follows the colon is no server name
	ReasonRoomIsPerson     Reason = "room_is_person"     // an @user ID
	ReasonRoomNoHash       Reason = "room_no_hash"       // name:server without the #; Want has it with one
	ReasonAliasLocalpart   Reason = "alias_localpart"    // CreatePublicRoom: not a bare name
)

// parseRoomAddress checks the shape of what the reader typed and returns it
// trimmed. Matrix room addresses are #localpart:server; room IDs are
// !opaque:server (or, from room version 12, !opaque with no server part).
func parseRoomAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	// People share rooms as matrix.to links; accept one pasted as is.
	for _, p := range []string{"https://matrix.to/#/", "http://matrix.to/#/", "matrix.to/#/"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest, _, _ = strings.Cut(rest, "?")
			if u, err := url.PathUnescape(rest); err == nil {
				rest = u
			}
			s = rest
			break
		}
	}
	bad := func(why Reason) (string, error) {
		return "", &Error{Kind: KindBadRoomAddress, Reason: why}
	}
	switch {
	case s == "":
		return bad(ReasonRoomEmpty)
	case len(s) > 255:
		return bad(ReasonRoomTooLong)
	case strings.ContainsAny(s, " \t\r\n"):
		return bad(ReasonRoomSpaces)
	case s[0] == '!':
		if len(s) < 2 {
			return bad(ReasonRoomIDIncomplete)
		}
		return s, nil
	case s[0] == '#':
		local, server, ok := strings.Cut(s[1:], ":")
		if !ok || local == "" || server == "" {
			return bad(ReasonRoomNoColon)
		}
		if !validServerName(server) {
			return bad(ReasonRoomBadServer)
		}
		return s, nil
	case s[0] == '@':
		return bad(ReasonRoomIsPerson)
	case strings.Contains(s, ":"):
		return "", &Error{Kind: KindBadRoomAddress, Reason: ReasonRoomNoHash, Want: "#" + s}
	}
	return bad("")
}

// validServerName is a loose check of the spec's server name grammar
// (hostname, IPv4 or [IPv6], optional port). The server has the final say;
// this only catches typos like a trailing colon or a stray slash.
func validServerName(s string) bool {
	host, port := s, ""
	if strings.HasPrefix(s, "[") {
		end := strings.Index(s, "]")
		if end < 0 {
			return false
		}
		host, port = s[:end+1], s[end+1:]
		if port != "" && port[0] != ':' {
			return false
		}
		port = strings.TrimPrefix(port, ":")
	} else if h, p, ok := strings.Cut(s, ":"); ok {
		host, port = h, p
		if port == "" {
			return false
		}
	}
	for _, r := range port {
		if r < '0' || r > '9' {
			return false
		}
	}
	if host == "" || len(port) > 5 {
		return false
	}
	if host[0] == '[' {
		return true
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, ".")
}

// checkUserID refuses an invitee that is not a full Matrix ID.
func checkUserID(u id.UserID) error {
	// mautrix's Parse accepts an empty localpart ("@:example.org"); no
	// server has such a user.
	if local, _, err := u.Parse(); err != nil || local == "" || !strings.HasPrefix(string(u), "@") {
		return &Error{Kind: KindBadUserID, Err: err}
	}
	return nil
}
