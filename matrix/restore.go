package matrix

import "context"

// Restore brings back the session saved in store for a returning reader.
//
//   - Nothing saved: nil, nil.
//   - The server no longer accepts it (signed out elsewhere, expired and not
//     renewable, account locked or closed): the saved session is cleared
//     and the error returned (KindTokenExpired, KindSoftLogout,
//     KindAccountLocked, KindAccountDeactivated), so the widget shows the
//     sign-in form with that sentence. Unsent messages stay in the outbox.
//   - The access token was due for renewal: it is renewed and the new
//     tokens saved in store, which the client keeps using for renewals.
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
	// Renewals during the check (and later) are saved back to store.
	c.UseSessionStore(store)
	if _, err := c.WhoAmI(ctx); err != nil {
		if SessionEnded(KindOf(err)) || KindOf(err) == KindAccountDisabled {
			// The tokens are of no more use; the outbox, stored apart,
			// stays for when the reader signs in again.
			_ = store.Clear()
			return nil, err
		}
		return c, err
	}
	return c, nil
}
