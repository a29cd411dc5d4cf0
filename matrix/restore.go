package matrix

import "context"

// Restore brings back the session saved in store for a returning reader.
//
//   - Nothing saved: nil, nil.
//   - The server no longer accepts it (signed out elsewhere, expired): the
//     saved session is cleared and the KindTokenExpired error returned, so
//     the widget shows the sign-in form with that sentence.
//   - The server cannot be asked (offline, server down): the Client AND the
//     error are returned. The session is kept, since it is probably still
//     good; the widget can say it is offline and carry on (the outbox will
//     send later).
//   - A damaged saved entry: cleared, and its KindStorage error returned.
func Restore(ctx context.Context, store SessionStore) (*Client, error) {
	sess, err := store.Load()
	if err != nil {
		_ = store.Clear()
		return nil, err
	}
	if sess == nil {
		return nil, nil
	}
	c, err := NewClient(*sess)
	if err != nil {
		_ = store.Clear()
		return nil, err
	}
	if _, err := c.WhoAmI(ctx); err != nil {
		switch KindOf(err) {
		case KindTokenExpired, KindAccountDisabled:
			_ = store.Clear()
			return nil, err
		}
		return c, err
	}
	return c, nil
}
