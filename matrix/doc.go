// Package matrix is the UI-free client core of Hello Matrix, built on mautrix.
// It knows nothing about views (it must never import go-app): the widget in
// app/ calls it, and its tests run natively against real homeservers:
// Synapse, the reference, and Dendrite, each test on both where both can
// answer it (homeservers_test.go).
// It runs on both sides: in the browser (js/wasm), where every request goes
// to the browser's fetch (directly with the hmfetch tag that the WASM build
// sets, see http_fetch_js.go; through net/http's own fetch transport
// without it), and natively, for its tests and the tools.
//
// How the widget signs a reader in, start to finish:
//
//	srv, err := matrix.Discover(ctx, typed)        // "matrix.org", "@alice:matrix.org", a URL
//	srv.Auth                                       // can I sign up here? how? (app/live words it)
//
//	// New account:
//	reg, err := matrix.Register(ctx, srv, matrix.RegisterRequest{Username: "alice", Password: pw})
//	for err == nil && reg.Step != matrix.StepDone {
//		// StepAcceptTerms: show reg.Terms, StepToken: ask for a code,
//		// StepBrowser: open reg.FallbackURL in a new tab,
//		// StepEmail: ask for an address; then:
//		reg, err = matrix.ResumeRegistration(ctx, reg, matrix.RegisterRequest{AcceptTerms: true /* or RegistrationToken: code, Email: address */})
//		// StepEmailSent: a link went to reg.Email.Address; ask every few
//		// seconds with matrix.CheckEmail(ctx, reg) until it was opened
//		// (matrix.ResendEmail for a new mail, reg.Pending() to store it).
//	}
//	sess := reg.Session
//
//	// Existing account:
//	sess, err := matrix.Login(ctx, srv, matrix.LoginRequest{User: "alice", Password: pw})
//
//	// Either, through single sign-on (srv.Auth.IdentityProviders; login_sso.go):
//	u, err := matrix.SSORedirectURL(srv, idp.ID, pageURL) // the whole page goes there...
//	sess, err := matrix.LoginWithToken(ctx, matrix.TokenLoginRequest{HomeserverURL: srv.BaseURL, Token: loginToken}) // ...and back
//
//	store.Save(*sess); client, _ := matrix.NewClient(*sess)
//	client.UseSessionStore(store) // renewed tokens are saved there too (refresh.go)
//
//	// Next visit:
//	client, err := matrix.Restore(ctx, store)      // nil, nil: nobody signed in
//
//	// Chatting: Sync delivers messages (with the sender's display name in
//	// the room, SenderName) and, per room, where older history begins;
//	// Earlier pages back from there (history.go):
//	go client.Sync(ctx, matrix.SyncHandler{Message: show, Earlier: func(room id.RoomID, from string) { keep(room, from) }})
//	page, err := client.Earlier(ctx, room, from, 20) // page.Earlier == "": nothing older
//	// Invitations (invites.go): SyncHandler.Invite with who and what, and
//	// InviteGone once one ends however it ended; JoinRoom accepts one,
//	// DeclineInvite turns it down.
//
//	// Signing out:
//	client.Logout(ctx); store.Clear()
//
// End-to-end encryption (crypto*.go, built with the goolm tag as the WASM
// and `make test` are; a plain build has none and says so):
//
//	client.UseEncryption(ctx, kv)                  // keys made and uploaded once, kept in kv
//	client.IdentityState()                         // cross-signed at once, or unverified (identity made elsewhere)
//	// Room keys go only to devices their owner cross-signed (MSC4153);
//	// messages from other devices are not shown (ProblemSenderUnverified).
//	// Sync decrypts (RoomMessage.Decrypted, or Encrypted with a Problem
//	// and, when its key arrives, the same message again with Update set);
//	// Send encrypts in encrypted rooms; CreatePrivateRoom makes them.
//	// Logout drops the keys; matrix.ForgetEncryption(kv) clears them too.
//
// The rooms after the first (room_list.go and its neighbours): Sync keeps
// the list of rooms the user is in, newest activity first, with names,
// addresses and the other person of a direct chat (SyncHandler.Rooms,
// Client.Rooms), and the account's ignored people (SyncHandler.Ignored):
//
//	room, err := client.CreateDirectChat(ctx, "@friend:example.org") // encrypted, is_direct, in m.direct
//	err = client.LeaveRoom(ctx, room)
//	err = client.IgnoreUser(ctx, user)                                // and UnignoreUser
//	err = client.ReportMessage(ctx, room, eventID, "spam")           // to the server's administrators
//
// Sessions on servers whose sign-ins expire (Synapse with refresh tokens)
// renew themselves; when that is impossible, or the account is locked, the
// error's Kind says so (SessionEnded) and unsent messages stay pending in
// the outbox until the reader signs in again.
//
// Every error is an *Error: branch on Kind (KindOf(err)); its Reason and data
// (Server, Address, User, ...) are what app/live words it with, through its
// message catalog: the core says no sentence to the reader.
// The stores are NewBrowserSessionStore (js/wasm, localStorage),
// NewFileSessionStore (native) and NewMemorySessionStore.
package matrix
