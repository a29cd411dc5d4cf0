package matrix

import "context"

// How the widget signs a reader in, start to finish:
//
//	srv, err := matrix.Discover(ctx, typed)        // "matrix.org", "@alice:matrix.org", a URL
//	for _, s := range srv.Describe() { show(s) }   // plain sentences: can I sign up here? how?
//
//	// New account:
//	reg, err := matrix.Register(ctx, srv, matrix.RegisterRequest{Username: "alice", Password: pw})
//	for err == nil && reg.Step != matrix.StepDone {
//		// StepAcceptTerms: show reg.Terms, StepToken: ask for a code,
//		// StepBrowser: open reg.FallbackURL in a new tab; then:
//		reg, err = matrix.ResumeRegistration(ctx, reg, matrix.RegisterRequest{AcceptTerms: true /* or RegistrationToken: code */})
//	}
//	sess := reg.Session
//
//	// Existing account:
//	sess, err := matrix.Login(ctx, srv, matrix.LoginRequest{User: "alice", Password: pw})
//
//	store.Save(*sess); client, _ := matrix.NewClient(*sess)
//
//	// Next visit:
//	client, err := matrix.Restore(ctx, store)      // nil, nil: nobody signed in
//
//	// Signing out:
//	client.Logout(ctx); store.Clear()
//
// Every error is an *Error: show Message, branch on Kind (KindOf(err)).
// The stores are NewBrowserSessionStore (js/wasm, localStorage),
// NewFileSessionStore (native) and NewMemorySessionStore.

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
