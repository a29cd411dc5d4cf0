package matrix

import (
	"time"

	"maunium.net/go/mautrix/id"
)

// Session is everything needed to act as a signed-in user. It serialises to
// JSON for storage (localStorage in the browser, a file or memory natively).
// It holds an access token: never put it in a URL, a log line or prerendered
// HTML.
type Session struct {
	HomeserverURL string      `json:"homeserver_url"`
	UserID        id.UserID   `json:"user_id"`
	DeviceID      id.DeviceID `json:"device_id"`
	AccessToken   string      `json:"access_token"`

	// RefreshToken, when the server gave one (Synapse does when asked at
	// login or sign-up), lets the client get a new access token before
	// ExpiresAt without asking for the password again (refresh.go). Like
	// the access token it is a secret.
	RefreshToken string `json:"refresh_token,omitempty"`
	// ExpiresAt is when the access token stops working; zero means it does
	// not expire (or the server did not say).
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// RenewAt is when the client renews ahead of ExpiresAt: a quarter of
	// the lifetime (at most a minute) before it, so a request never goes out
	// with a token about to lapse.
	RenewAt time.Time `json:"renew_at,omitzero"`

	// OAuth is set for a session signed in through the server's OAuth 2.0
	// authorization server (oauth_token.go): where its tokens are renewed
	// and revoked. Nil for password and single sign-on sessions.
	OAuth *OAuthGrant `json:"oauth,omitempty"`
}
