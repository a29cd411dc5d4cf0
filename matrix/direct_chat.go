package matrix

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Ways starting a direct chat fails that the reader can act on.
const (
	// KindUserNotFound: the server of the ID typed says it has nobody of
	// that name.
	KindUserNotFound Kind = "user_not_found"
	// KindDirectNotRecorded: the chat was made, but writing it into the
	// account's m.direct failed, so other apps may list it as a group.
	KindDirectNotRecorded Kind = "direct_not_recorded"
)

// The cases of KindBadUserID when starting a direct chat.
const (
	ReasonDirectChatID Reason = "direct_chat_id" // not a full Matrix ID
	ReasonOwnID        Reason = "own_id"         // the reader's own
)

// opProfile names a profile lookup (GET /profile/{userId}) for classify.
const opProfile = "profile"

// CreateDirectChat starts a direct chat with user, or returns the one the
// account already has with them (a joined room listed under them in
// m.direct): an invite-only room (preset trusted_private_chat), end-to-end
// encrypted when this client has encryption on, created with is_direct
// and recorded under user in the account's m.direct, merged with what is
// there, so that Element and other apps list it as a direct chat. It
// checks first that the ID is well formed, is not the reader's own, and
// that its server knows the person (KindUserNotFound). The room's ID is
// returned whenever the room exists, also with KindDirectNotRecorded.
func (c *Client) CreateDirectChat(ctx context.Context, user id.UserID) (id.RoomID, error) {
	if err := checkUserID(user); err != nil {
		return "", &Error{Kind: KindBadUserID, Reason: ReasonDirectChatID, Err: err}
	}
	if user == c.Session().UserID {
		return "", &Error{Kind: KindBadUserID, Reason: ReasonOwnID}
	}
	if room := c.directWith(user); room != "" {
		return room, nil
	}
	name, err := c.profileName(ctx, user)
	if err != nil {
		return "", err
	}
	req := &mautrix.ReqCreateRoom{
		Visibility:   "private",
		Preset:       "trusted_private_chat",
		Invite:       []id.UserID{user},
		IsDirect:     true,
		InitialState: c.newRoomEncryption(), // crypto.go
	}
	roomID, err := c.createRoom(ctx, req)
	if err != nil {
		return "", err
	}
	c.rememberNewRoomEncryption(roomID, req.InitialState)
	c.roomList.added(roomID, user, name)
	if err := c.recordDirect(ctx, user, roomID); err != nil {
		return roomID, &Error{Kind: KindDirectNotRecorded, Err: err}
	}
	return roomID, nil
}

// profileName asks user's server whether they exist, and returns their
// display name. Only a clear "no such user" stops the chat: a server
// that keeps profiles private (403) or a remote server slow to answer
// leaves the invitation itself to find out.
func (c *Client) profileName(ctx context.Context, user id.UserID) (string, error) {
	var resp *mautrix.RespUserProfile
	err := c.call(ctx, opProfile, true, func(ctx context.Context) (err error) {
		resp, err = c.api.GetProfile(ctx, user)
		return err
	})
	switch KindOf(err) {
	case "":
		return cleanName(resp.DisplayName), nil
	case KindNotFound, KindUnsupported:
		if httpStatus(err) != http.StatusNotFound {
			break // M_UNRECOGNIZED: a server without profiles
		}
		// Synapse 1.163 says 404 M_UNKNOWN "No row found (profiles)",
		// Dendrite 404 M_NOT_FOUND: the status is what counts.
		return "", &Error{Kind: KindUserNotFound, User: string(user), Err: err}
	case KindNetworkDown, KindCanceled, KindRateLimited, KindTokenExpired, KindSoftLogout, KindAccountLocked, KindAccountDeactivated:
		return "", err
	}
	return "", nil
}

// recordDirect adds roomID under user in the account's m.direct, keeping
// every other entry.
func (c *Client) recordDirect(ctx context.Context, user id.UserID, roomID id.RoomID) error {
	return c.updateAccountData(ctx, event.AccountDataDirectChats, func(content map[string]json.RawMessage) bool {
		var rooms []id.RoomID
		_ = json.Unmarshal(content[string(user)], &rooms)
		if slices.Contains(rooms, roomID) {
			return false
		}
		content[string(user)], _ = json.Marshal(append(rooms, roomID))
		return true
	})
}

// directWith is a joined room m.direct lists under user, or "".
func (c *Client) directWith(user id.UserID) id.RoomID {
	l := &c.roomList
	l.mu.Lock()
	defer l.mu.Unlock()
	var best *RoomSummary
	for room, u := range l.direct {
		if r := l.rooms[room]; u == user && r != nil && (best == nil || r.LastActive.After(best.LastActive)) {
			best = r
		}
	}
	if best == nil {
		return ""
	}
	return best.ID
}

// added puts a direct chat this client just made with user into the list
// at once, before Sync brings it, and counts it as direct before m.direct
// says so (a sync in between must not take its name away).
func (l *roomList) added(roomID id.RoomID, user id.UserID, name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.direct == nil {
		l.direct = map[id.RoomID]id.UserID{}
	}
	l.direct[roomID] = user
	r := l.room(roomID)
	r.With, r.WithName, r.Direct, r.LastActive = user, name, true, time.Now()
}

// httpStatus is the HTTP status of the server's answer behind err, or 0.
func httpStatus(err error) int {
	var he mautrix.HTTPError
	if errors.As(err, &he) && he.Response != nil {
		return he.Response.StatusCode
	}
	return 0
}
