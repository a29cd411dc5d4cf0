package matrix

import (
	"context"
	"net/http"
	"strings"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// LoginRequest is what the sign-in form collects.
type LoginRequest struct {
	// User is a full user ID ("@alice:matrix.org") or just the name
	// ("alice"), in which case Server (or the srv passed to Login) says
	// where. Upper case is fine here: servers match names case-blind.
	User string
	// Server names the server when User is just a name and Login gets no
	// discovered *Server: "matrix.org", "https://matrix.org"...
	Server   string
	Password string
	// InitialDeviceName is how this session shows in the reader's device
	// list; empty lets the server choose.
	InitialDeviceName string
	// DeviceID, when set, signs in again as that existing device: after a
	// soft logout (Error.SoftLogout) pass the old Session's DeviceID so the
	// reader's device list does not fill with copies.
	DeviceID id.DeviceID
}

// What was missing from a log-in, or from the server's answer to it.
const (
	ReasonTypeUsername        Reason = "type_username"          // KindInvalidUsername: the field is empty
	ReasonTypePassword        Reason = "type_password"          // KindMissingPassword: the field is empty
	ReasonNeedServer          Reason = "need_server"            // KindBadServerName: no server and no full user ID
	ReasonNoSessionAfterLogin Reason = "no_session_after_login" // KindUnknown: accepted, but no token came
)

// Login signs in with a password and returns the new Session (save it with
// a SessionStore; NewClient(session) acts with it). srv may be nil: the
// server is then discovered from a full user ID or from req.Server.
//
// Errors (*Error): KindWrongPassword, KindMissingPassword,
// KindBadServerName (no server given), KindOAuthOnly (the server signs in
// on its own page; *OAuthRequired inside when it uses OAuth),
// KindAccountDeactivated, KindAccountLocked, KindAccountDisabled,
// KindRateLimited, plus discovery's and the network kinds.
func Login(ctx context.Context, srv *Server, req LoginRequest) (*Session, error) {
	user := strings.TrimSpace(req.User)
	if user == "" {
		return nil, &Error{Kind: KindInvalidUsername, Reason: ReasonTypeUsername}
	}
	if req.Password == "" {
		return nil, &Error{Kind: KindMissingPassword, Reason: ReasonTypePassword}
	}
	if srv == nil {
		where := strings.TrimSpace(req.Server)
		if where == "" {
			if !strings.HasPrefix(user, "@") || !strings.Contains(user, ":") {
				return nil, &Error{Kind: KindBadServerName, Reason: ReasonNeedServer}
			}
			where = user
		}
		var err error
		if srv, err = Discover(ctx, where); err != nil {
			return nil, err
		}
	}
	a := srv.Auth
	if a.OAuthOnly {
		return nil, oauthOnlyError(srv, false)
	}
	if !a.PasswordLogin && len(a.LoginFlows) > 0 {
		// SSO-only and similar: done on the server's pages, not here.
		if a.SSO {
			return nil, &Error{Kind: KindOAuthOnly, Reason: ReasonSSOOnly, Server: srv.Name}
		}
		return nil, &Error{Kind: KindOAuthOnly, Reason: ReasonNoPasswordLogin, Server: srv.Name}
	}

	api, err := newAPI(srv.BaseURL)
	if err != nil {
		return nil, badServerName(srv.BaseURL, err)
	}
	var resp mautrix.RespLogin
	start := time.Now()
	_, err = api.MakeFullRequest(ctx, mautrix.FullRequest{
		Method: http.MethodPost,
		URL:    api.BuildClientURL("v3", "login"),
		RequestJSON: &mautrix.ReqLogin{
			Type:                     mautrix.AuthTypePassword,
			Identifier:               mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: user},
			Password:                 req.Password,
			DeviceID:                 req.DeviceID,
			InitialDeviceDisplayName: req.InitialDeviceName,
			// Servers that expire access tokens (Synapse) then give one to
			// renew them with; others ignore it (refresh.go).
			RefreshToken: true,
		},
		ResponseJSON:     &resp,
		SensitiveContent: true,
	})
	if err != nil {
		return nil, classify(err, opLogin)
	}
	if resp.AccessToken == "" || resp.UserID == "" {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonNoSessionAfterLogin}
	}
	sess := &Session{
		HomeserverURL: srv.BaseURL,
		UserID:        resp.UserID,
		DeviceID:      resp.DeviceID,
		AccessToken:   resp.AccessToken,
		RefreshToken:  resp.RefreshToken,
	}
	sess.setLifetime(start, resp.ExpiresInMS)
	return sess, nil
}

// Identity is who the server says a session belongs to.
type Identity struct {
	UserID   id.UserID
	DeviceID id.DeviceID
}

// WhoAmI asks the server whose access token the client holds. It is the
// cheapest way to check that a stored session still works: an expired one
// gives KindTokenExpired, or KindSoftLogout when signing in again keeps the
// same device. A token due for renewal is renewed first (refresh.go).
func (c *Client) WhoAmI(ctx context.Context) (Identity, error) {
	var resp *mautrix.RespWhoami
	err := c.authed(ctx, func(ctx context.Context) (err error) {
		resp, err = c.api.Whoami(ctx)
		return err
	})
	if err != nil {
		return Identity{}, classify(err, opWhoAmI)
	}
	return Identity{UserID: resp.UserID, DeviceID: resp.DeviceID}, nil
}

// Logout ends the session on the server: its access token stops working
// there and then. A token the server no longer knows counts as success
// (the reader is signed out either way). It does not touch any
// SessionStore: call store.Clear() after it, and stop syncing before.
// On a network error the token may still be valid server-side; the widget
// can still forget it locally, and should say so.
func (c *Client) Logout(ctx context.Context) error {
	if s := c.Session(); s.OAuth != nil {
		// Such a server has no /logout: the authorization server ends the
		// session (and the homeserver forgets the device when told).
		return oauthRevoke(ctx, s)
	}
	// An expired token is renewed first (authed): the server then ends the
	// session for real, refresh token included, instead of the request
	// failing and leaving a renewable session behind on the server.
	err := c.authed(ctx, func(ctx context.Context) error {
		_, err := c.api.Logout(ctx)
		return err
	})
	if err == nil || SessionEnded(KindOf(classify(err, opLogout))) {
		// The device is gone on the server: its encryption keys go too,
		// from memory and storage (crypto.go).
		c.forgetCrypto()
		return nil
	}
	return classify(err, opLogout)
}
