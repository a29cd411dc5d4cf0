package matrix

import (
	"context"
	"encoding/json"

	"maunium.net/go/mautrix/event"
)

// opAccountData names reading or writing the account's own data (m.direct,
// m.ignored_user_list) for classify.
const opAccountData = "account_data"

// accountData reads one type of the account's data as raw JSON fields; a
// type never written gives an empty map (the server answers 404).
func (c *Client) accountData(ctx context.Context, typ event.Type) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	err := c.call(ctx, opAccountData, true, func(ctx context.Context) error {
		return c.api.GetAccountData(ctx, typ.Type, &out)
	})
	if KindOf(err) == KindNotFound {
		return map[string]json.RawMessage{}, nil
	}
	return out, err
}

// updateAccountData reads typ, lets change edit it and writes it back, so
// whatever other apps keep there survives: only what change touches
// changes. Another app writing between the read and the write would lose
// its change, as with every client the spec describes; the window is one
// round trip. change returning false means nothing to write.
func (c *Client) updateAccountData(ctx context.Context, typ event.Type, change func(map[string]json.RawMessage) bool) error {
	content, err := c.accountData(ctx, typ)
	if err != nil {
		return err
	}
	if !change(content) {
		return nil
	}
	// Writing the same content twice is harmless, so a lost answer may be
	// retried.
	return c.call(ctx, opAccountData, true, func(ctx context.Context) error {
		return c.api.SetAccountData(ctx, typ.Type, content)
	})
}
