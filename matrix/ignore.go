package matrix

import (
	"context"
	"encoding/json"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// The cases of KindBadUserID when ignoring someone.
const (
	ReasonIgnoreID   Reason = "ignore_id"   // not a full Matrix ID
	ReasonIgnoreSelf Reason = "ignore_self" // the reader's own
)

// IgnoreUser adds user to the account's ignored people
// (m.ignored_user_list, merged with what is there). The server then stops
// sending their messages and invitations; what was already received stays
// with the caller, which should hide it at once. The list Sync reports
// (SyncHandler.Ignored, IgnoredUsers) includes user from now on.
func (c *Client) IgnoreUser(ctx context.Context, user id.UserID) error {
	if err := checkUserID(user); err != nil {
		return &Error{Kind: KindBadUserID, Reason: ReasonIgnoreID, Err: err}
	}
	if user == c.Session().UserID {
		return &Error{Kind: KindBadUserID, Reason: ReasonIgnoreSelf}
	}
	return c.changeIgnored(ctx, user, true)
}

// UnignoreUser takes user off the ignored people: their new messages and
// invitations come again. Messages they sent meanwhile are in the room's
// history (Earlier) but not replayed by Sync.
func (c *Client) UnignoreUser(ctx context.Context, user id.UserID) error {
	return c.changeIgnored(ctx, user, false)
}

func (c *Client) changeIgnored(ctx context.Context, user id.UserID, ignore bool) error {
	var now []id.UserID
	err := c.updateAccountData(ctx, event.AccountDataIgnoredUserList, func(content map[string]json.RawMessage) bool {
		users := map[string]json.RawMessage{}
		if raw, ok := content["ignored_users"]; ok {
			// A list another app broke is replaced rather than kept broken.
			_ = json.Unmarshal(raw, &users)
		}
		if users == nil {
			users = map[string]json.RawMessage{}
		}
		_, had := users[string(user)]
		if had == ignore {
			now = usersOf(users)
			return false
		}
		if ignore {
			users[string(user)] = json.RawMessage(`{}`)
		} else {
			delete(users, string(user))
		}
		now = usersOf(users)
		content["ignored_users"], _ = json.Marshal(users)
		return true
	})
	if err != nil {
		return err
	}
	c.roomList.setIgnored(now)
	return nil
}

func usersOf(m map[string]json.RawMessage) []id.UserID {
	out := make([]id.UserID, 0, len(m))
	for u := range m {
		out = append(out, id.UserID(u))
	}
	return out
}
