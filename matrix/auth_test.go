//go:build !js

package matrix

import (
	"context"
	"errors"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/synapse"
)

// Tests for discovery, registration, login, logout and whoami against real
// homeservers (Synapse and Dendrite, homeservers_test.go). Helpers here are prefixed "auth" so they do
// not collide with the rooms/sync helpers in sync_helpers_test.go.

const authPassword = "a good long password"

func authCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// assertKind checks the error contract: an *Error with the Kind the widget
// branches on (app/live words it from Kind, Reason and data).
func assertKind(t *testing.T, err error, want Kind) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is not an *Error", err, err)
	}
	if e.Kind != want {
		t.Fatalf("kind = %s, want %s; error %v", e.Kind, want, e)
	}
	t.Logf("%v", e) // with -v: review what the wording gets
	recordBadInput(t, t.Name())
	return e
}

// assertReason checks the case of an *Error that picks its wording.
func assertReason(t *testing.T, e *Error, want Reason) {
	t.Helper()
	if e.Reason != want {
		t.Errorf("reason = %q, want %q (%v)", e.Reason, want, e)
	}
}

// assertSentence: starts like a sentence, ends with a full stop, and has
// none of the protocol's words a beginner cannot act on. The core has no
// sentences any more; app/live's catalog test checks its own this way.
func assertSentence(t *testing.T, msg string) {
	t.Helper()
	if msg == "" {
		t.Fatal("empty message")
	}
	first, _ := utf8.DecodeRuneInString(msg)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && first != '"' {
		t.Errorf("message %q does not start like a sentence", msg)
	}
	if !strings.HasSuffix(msg, ".") {
		t.Errorf("message %q does not end with a full stop", msg)
	}
	for _, jargon := range []string{"M_", "errcode", "HTTP ", "<nil>", "%!", "mautrix", "UIA", "json", "JSON", "status code", "fetch()", "dial tcp"} {
		if strings.Contains(msg, jargon) {
			t.Errorf("message %q contains jargon %q", msg, jargon)
		}
	}
	if m := statusCode.FindString(msg); m != "" {
		t.Errorf("message %q contains a status code %q", msg, m)
	}
}

// statusCode finds HTTP status numbers, but not port numbers (":40404").
var statusCode = regexp.MustCompile(`(^|[^:\d])(400|401|403|404|405|413|429|500|502|503|504)(\D|$)`)

// authUser creates an account without the code under test (shared-secret
// admin API) and returns its localpart and full ID.
func authUser(t *testing.T, srv homeserver, prefix string) (string, id.UserID) {
	t.Helper()
	name := uniqueName(prefix)
	uid, _, _, err := srv.RegisterUser(authCtx(t), name, authPassword, false)
	if err != nil {
		t.Fatalf("RegisterUser: %v", err)
	}
	return name, id.UserID(uid)
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestLoginWithUserIDAndWhoAmI(t *testing.T) { bothServers(t, testLoginWithUserIDAndWhoAmI) }

func testLoginWithUserIDAndWhoAmI(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	_, uid := authUser(t, srv, "login")

	// No *Server given: discovery runs from the user ID itself.
	sess, err := Login(ctx, nil, LoginRequest{User: string(uid), Password: authPassword, InitialDeviceName: "Hello Matrix test"})
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if sess.UserID != uid || sess.AccessToken == "" || sess.DeviceID == "" || sess.HomeserverURL != srv.URL {
		t.Fatalf("session = %+v", sess)
	}
	// Login asks for a refresh token: Synapse gives one and an expiry
	// (refresh_test.go renews them), Dendrite neither (its tokens last).
	if renewable := sess.RefreshToken != "" && !sess.ExpiresAt.IsZero(); renewable != (srv.Kind == "synapse") {
		t.Errorf("on %s: refresh token %t, expiry %v", srv.Kind, sess.RefreshToken != "", sess.ExpiresAt)
	}
	c, err := NewClient(*sess)
	if err != nil {
		t.Fatal(err)
	}
	who, err := c.WhoAmI(ctx)
	if err != nil {
		t.Fatalf("WhoAmI: %v", err)
	}
	if who.UserID != uid || who.DeviceID != sess.DeviceID {
		t.Fatalf("whoami = %+v, want %s %s", who, uid, sess.DeviceID)
	}
}

func TestLoginWithLocalpartAndServer(t *testing.T) { bothServers(t, testLoginWithLocalpartAndServer) }

func testLoginWithLocalpartAndServer(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	name, uid := authUser(t, srv, "local")

	sess, err := Login(ctx, nil, LoginRequest{User: name, Server: srv.ServerName, Password: authPassword})
	if err != nil {
		t.Fatalf("Login with Server: %v", err)
	}
	if sess.UserID != uid {
		t.Fatalf("user = %s, want %s", sess.UserID, uid)
	}

	// With a discovered server, and the name typed in capitals: servers
	// match names case-blind at login, so that must work too.
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	sess, err = Login(ctx, hs, LoginRequest{User: strings.ToUpper(name), Password: authPassword})
	if err != nil {
		t.Fatalf("Login with *Server: %v", err)
	}
	if sess.UserID != uid {
		t.Fatalf("user = %s, want %s", sess.UserID, uid)
	}

	// Signing in again as the same device (what a soft logout calls for).
	again, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword, DeviceID: sess.DeviceID})
	if err != nil {
		t.Fatalf("Login with DeviceID: %v", err)
	}
	if again.DeviceID != sess.DeviceID {
		t.Fatalf("device = %s, want %s", again.DeviceID, sess.DeviceID)
	}
}

func TestLoginErrors(t *testing.T) { bothServers(t, testLoginErrors) }

func testLoginErrors(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	name, uid := authUser(t, srv, "wrongpw")
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("wrong password", func(t *testing.T) {
		_, err := Login(ctx, hs, LoginRequest{User: string(uid), Password: "not the password"})
		assertKind(t, err, KindWrongPassword)
	})
	t.Run("unknown user", func(t *testing.T) {
		_, err := Login(ctx, hs, LoginRequest{User: name + "_nobody", Password: authPassword})
		assertKind(t, err, KindWrongPassword)
	})
	t.Run("empty password", func(t *testing.T) {
		_, err := Login(ctx, hs, LoginRequest{User: name})
		assertKind(t, err, KindMissingPassword)
	})
	t.Run("empty user", func(t *testing.T) {
		_, err := Login(ctx, hs, LoginRequest{Password: authPassword})
		assertKind(t, err, KindInvalidUsername)
	})
	t.Run("localpart without server", func(t *testing.T) {
		_, err := Login(ctx, nil, LoginRequest{User: name, Password: authPassword})
		assertKind(t, err, KindBadServerName)
	})
	t.Run("unreachable server", func(t *testing.T) {
		_, err := Login(ctx, nil, LoginRequest{User: "@alice:" + closedPort(t), Password: authPassword})
		assertKind(t, err, KindUnreachable)
	})
}

func TestLogoutInvalidatesToken(t *testing.T) { bothServers(t, testLogoutInvalidatesToken) }

func testLogoutInvalidatesToken(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	_, uid := authUser(t, srv, "logout")
	sess, err := Login(ctx, nil, LoginRequest{User: string(uid), Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(*sess)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Logout(ctx); err != nil {
		t.Fatalf("Logout: %v", err)
	}

	// The old token is now refused by the server: KindTokenExpired, and a
	// hard logout (not soft: the device is gone).
	old, err := NewClient(*sess)
	if err != nil {
		t.Fatal(err)
	}
	_, err = old.WhoAmI(ctx)
	e := assertKind(t, err, KindTokenExpired)
	if e.SoftLogout {
		t.Errorf("SoftLogout = true after a real logout")
	}
	// Logging out twice is not an error: the reader is signed out.
	if err := old.Logout(ctx); err != nil {
		t.Errorf("second Logout: %v", err)
	}
}

func TestRegisterDummyStage(t *testing.T) { bothServers(t, testRegisterDummyStage) }

func testRegisterDummyStage(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	name := uniqueName("reg")
	reg, err := Register(ctx, hs, RegisterRequest{Username: name, Password: authPassword, InitialDeviceName: "Hello Matrix test"})
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	if reg.Step != StepDone || reg.Session == nil {
		t.Fatalf("registration not done: %+v", reg)
	}
	if reg.ViaLogin {
		t.Errorf("registration signed in through a separate log-in: %+v", reg)
	}
	want := id.UserID("@" + name + ":" + srv.ServerName)
	if reg.Session.UserID != want || reg.Session.AccessToken == "" || reg.Session.HomeserverURL != srv.URL {
		t.Fatalf("session = %+v, want user %s", reg.Session, want)
	}
	c, err := NewClient(*reg.Session)
	if err != nil {
		t.Fatal(err)
	}
	who, err := c.WhoAmI(ctx)
	if err != nil {
		t.Fatalf("WhoAmI: %v", err)
	}
	if who.UserID != want {
		t.Fatalf("whoami %s, want %s", who.UserID, want)
	}
	// The password chosen at sign-up works for signing in.
	if _, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword}); err != nil {
		t.Fatalf("Login after Register: %v", err)
	}

	t.Run("username taken", func(t *testing.T) {
		_, err := Register(ctx, hs, RegisterRequest{Username: name, Password: authPassword})
		assertKind(t, err, KindUsernameTaken)
		assertKind(t, CheckUsername(ctx, hs, name), KindUsernameTaken)
	})
	t.Run("free name passes CheckUsername", func(t *testing.T) {
		if err := CheckUsername(ctx, hs, uniqueName("free")); err != nil {
			t.Fatalf("CheckUsername: %v", err)
		}
	})
}

func TestRegisterServerRefusals(t *testing.T) { bothServers(t, testRegisterServerRefusals) }

func testRegisterServerRefusals(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	// Each of these passes the local checks and is refused by the server
	// itself, so the server's own error code is what gets classified.
	t.Run("invalid username (leading underscore)", func(t *testing.T) {
		_, err := Register(ctx, hs, RegisterRequest{Username: "_" + uniqueName("u"), Password: authPassword})
		assertKind(t, err, KindInvalidUsername)
	})
	t.Run("invalid username (numeric)", func(t *testing.T) {
		_, err := Register(ctx, hs, RegisterRequest{Username: "31415926", Password: authPassword})
		assertKind(t, err, KindInvalidUsername)
	})
	t.Run("weak password", func(t *testing.T) {
		_, err := Register(ctx, hs, RegisterRequest{Username: uniqueName("weak"), Password: "short"})
		assertKind(t, err, KindWeakPassword)
	})
}

func TestRegisterLocalUsernameChecks(t *testing.T) {
	// A server at a closed port: if any of these sent a request, the error
	// would be KindUnreachable instead.
	hs := &Server{Name: "example.org", BaseURL: "http://" + closedPort(t), Auth: AuthInfo{RegistrationOpen: true, PasswordLogin: true}}
	ctx := authCtx(t)
	cases := []struct {
		name, username string
		kind           Kind
		reason         Reason
		data           func(*Error) string // what the wording names
		want           string
	}{
		{"upper case", "Alice", KindInvalidUsername, ReasonCapitals, func(e *Error) string { return e.Want + " " + e.User }, "alice Alice"},
		{"space", "al ice", KindInvalidUsername, ReasonUsernameSpaces, nil, ""},
		{"accent", "élise", KindInvalidUsername, ReasonBadCharacter, func(e *Error) string { return e.Said }, "'é'"},
		{"symbol", "bob!", KindInvalidUsername, ReasonBadCharacter, func(e *Error) string { return e.Said }, "'!'"},
		{"empty", "  ", KindInvalidUsername, ReasonUsernameEmpty, nil, ""},
		{"other server", "@bob:elsewhere.org", KindInvalidUsername, ReasonOtherServer, func(e *Error) string { return e.Server }, "elsewhere.org"},
		{"too long", strings.Repeat("a", 250), KindInvalidUsername, ReasonUsernameTooLong, func(e *Error) string { return strconv.Itoa(e.Limit) }, "242"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Register(ctx, hs, RegisterRequest{Username: tc.username, Password: authPassword})
			e := assertKind(t, err, tc.kind)
			assertReason(t, e, tc.reason)
			if tc.data != nil && tc.data(e) != tc.want {
				t.Errorf("%s: the wording gets %q, want %q", tc.name, tc.data(e), tc.want)
			}
		})
	}
	t.Run("missing password", func(t *testing.T) {
		_, err := Register(ctx, hs, RegisterRequest{Username: "alice"})
		assertKind(t, err, KindMissingPassword)
	})
	t.Run("full ID on this server is fine", func(t *testing.T) {
		local, err := checkUsername("@alice.b_c=d-e/f:example.org", "example.org")
		if err != nil || local != "alice.b_c=d-e/f" {
			t.Fatalf("checkUsername = %q, %v", local, err)
		}
	})
}

func TestRegisterClosedServer(t *testing.T) {
	eachServer(t, map[string]func(testing.TB) homeserver{
		"synapse":  func(t testing.TB) homeserver { return startSynapse(t, synapse.Options{RegistrationDisabled: true}) },
		"dendrite": func(t testing.TB) homeserver { return startDendrite(t, dendrite.Options{RegistrationDisabled: true}) },
	}, testRegisterClosedServer)
}

func testRegisterClosedServer(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	if !hs.Auth.RegistrationClosed || hs.Auth.RegistrationOpen || hs.Auth.CanRegisterInline {
		t.Fatalf("auth = %+v, want registration closed", hs.Auth)
	}
	_, err = Register(ctx, hs, RegisterRequest{Username: uniqueName("closed"), Password: authPassword})
	assertKind(t, err, KindRegistrationClosed)
}

// Both servers limit sign-in attempts for real: Synapse with its own
// defaults (rc_login: failed attempts 0.17 a second, burst 3), Dendrite with
// its client limiter on.
func TestLoginRateLimited(t *testing.T) {
	eachServer(t, map[string]func(testing.TB) homeserver{
		"synapse":  func(t testing.TB) homeserver { return startSynapse(t, synapse.Options{RateLimiting: true}) },
		"dendrite": func(t testing.TB) homeserver { return startDendrite(t, dendrite.Options{RateLimiting: true}) },
	}, testLoginRateLimited)
}

func testLoginRateLimited(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	// Dendrite allows 20 requests per 500 ms per caller, and its caller is
	// the remote address including the port, i.e. one TCP connection. So
	// the wrong passwords go one after another over the one kept-alive
	// connection (in parallel they would spread over fresh connections).
	// Synapse counts failed attempts per account and per address, and
	// meets its limit within a few.
	var limited error
	for i := 0; i < 300 && limited == nil; i++ {
		_, err := Login(ctx, hs, LoginRequest{User: "@nobody:" + srv.ServerName, Password: "wrong password"})
		switch KindOf(err) {
		case KindRateLimited:
			limited = err
		case KindWrongPassword:
		default:
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	e := assertKind(t, limited, KindRateLimited)
	if e.RetryAfter <= 0 {
		t.Errorf("RetryAfter = %v, want > 0 (both send retry_after_ms)", e.RetryAfter)
	}
}

func TestWhoAmIExpiredToken(t *testing.T) { bothServers(t, testWhoAmIExpiredToken) }

func testWhoAmIExpiredToken(t *testing.T, srv homeserver) {
	c, err := NewClient(Session{HomeserverURL: srv.URL, UserID: "@ghost:" + id.UserID(srv.ServerName), AccessToken: "not-a-real-token"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WhoAmI(authCtx(t))
	assertKind(t, err, KindTokenExpired)
}

func TestRestoreSession(t *testing.T) { bothServers(t, testRestoreSession) }

func testRestoreSession(t *testing.T, srv homeserver) {
	ctx := authCtx(t)
	st := NewMemorySessionStore()

	if c, err := Restore(ctx, st); c != nil || err != nil {
		t.Fatalf("empty store: %v %v", c, err)
	}
	_, uid := authUser(t, srv, "restore")
	sess, err := Login(ctx, nil, LoginRequest{User: string(uid), Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(*sess); err != nil {
		t.Fatal(err)
	}
	c, err := Restore(ctx, st)
	if err != nil || c == nil || c.Session().UserID != uid {
		t.Fatalf("Restore = %v, %v", c, err)
	}

	// Server unreachable: the client comes back with the error, and the
	// session stays saved for when the network returns.
	away := *sess
	away.HomeserverURL = "http://" + closedPort(t)
	st.Save(away)
	c, err = Restore(ctx, st)
	assertKind(t, err, KindUnreachable)
	if c == nil {
		t.Fatal("no client while offline")
	}
	if s, _ := st.Load(); s == nil {
		t.Fatal("session dropped while offline")
	}

	// Signed out elsewhere: the session is dropped.
	st.Save(*sess)
	live, err := NewClient(*sess)
	if err != nil {
		t.Fatal(err)
	}
	if err := live.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = Restore(ctx, st)
	assertKind(t, err, KindTokenExpired)
	if s, _ := st.Load(); s != nil {
		t.Fatal("expired session kept")
	}
}
