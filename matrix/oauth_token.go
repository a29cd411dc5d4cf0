package matrix

import (
	"context"
	"errors"
	"net/url"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/oauth"
)

// OAuthGrant marks a session signed in through an authorization server: its
// tokens are renewed at TokenEndpoint (grant_type=refresh_token) rather
// than the homeserver's /refresh, and signing out revokes them at
// RevocationEndpoint (RFC 7009), since such a homeserver has no /logout.
type OAuthGrant struct {
	Issuer             string `json:"issuer"`
	ClientID           string `json:"client_id"`
	TokenEndpoint      string `json:"token_endpoint"`
	RevocationEndpoint string `json:"revocation_endpoint,omitempty"`
}

// FinishOAuth reads the authorization server's answer (q, the query of the
// address it sent the reader back to) for trip, and on success trades the
// code for a session. The answer counts only if its state is trip's: an
// answer this browser did not ask for is never used.
func FinishOAuth(ctx context.Context, trip OAuthTrip, q url.Values) (*Session, error) {
	if trip.State == "" || q.Get("state") != trip.State {
		return nil, &Error{Kind: KindOAuthStateMismatch}
	}
	if e := q.Get("error"); e != "" {
		return nil, authorizationError(e, q.Get("error_description"), trip)
	}
	code := q.Get("code")
	if code == "" {
		return nil, &Error{Kind: KindOAuthRefused}
	}
	api, err := newAPI(trip.HomeserverURL)
	if err != nil {
		return nil, badServerName(trip.HomeserverURL, err)
	}
	api.OAuthSetServerMetadata(grantMetadata(trip.grant()))
	start := time.Now()
	tok, err := api.OAuthExchangeToken(singleAttempt(ctx), oauth.ExchangeTokenParams{
		Code:         code,
		RedirectURI:  trip.RedirectURI,
		ClientID:     trip.ClientID,
		CodeVerifier: trip.CodeVerifier,
	})
	if err != nil {
		return nil, tokenError(err, trip.Issuer)
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, &Error{Kind: KindOAuthRefused, Reason: ReasonOAuthNoToken}
	}
	s := Session{HomeserverURL: trip.HomeserverURL, AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, OAuth: trip.grant()}
	s.setLifetime(start, tok.ExpiresIn.Duration.Milliseconds())
	c, err := NewClient(s)
	if err != nil {
		return nil, err
	}
	me, err := c.WhoAmI(ctx)
	if err != nil {
		return nil, err
	}
	s = c.Session() // WhoAmI may have renewed already on a very short lifetime
	s.UserID, s.DeviceID = me.UserID, me.DeviceID
	if s.DeviceID == "" {
		s.DeviceID = id.DeviceID(trip.DeviceID)
	}
	return &s, nil
}

func (t OAuthTrip) grant() *OAuthGrant {
	return &OAuthGrant{Issuer: t.Issuer, ClientID: t.ClientID, TokenEndpoint: t.TokenEndpoint, RevocationEndpoint: t.RevocationEndpoint}
}

// grantMetadata is as much server metadata as mautrix needs to renew and
// revoke: a reload does not ask the server for it again.
func grantMetadata(g *OAuthGrant) *oauth.ServerMetadata {
	return &oauth.ServerMetadata{Issuer: g.Issuer, TokenEndpoint: g.TokenEndpoint, RevocationEndpoint: g.RevocationEndpoint}
}

// authorizationError sorts out an error the server's page sent back
// (RFC 6749 §4.1.2.1).
func authorizationError(code, description string, trip OAuthTrip) error {
	where := hostOfURL(trip.Issuer)
	if code == "access_denied" {
		out := &Error{Kind: KindOAuthCancelled, Server: where}
		if trip.Signup {
			out.Reason = ReasonCancelledSignup
		}
		return out
	}
	if d := quoteRemote(description); d != "" {
		return &Error{Kind: KindOAuthRefused, Reason: ReasonPageRefusedSaid, Server: where, Said: d}
	}
	return &Error{Kind: KindOAuthRefused, Reason: ReasonPageRefusedCode, Server: where, Said: quoteRemote(code)}
}

// tokenError sorts out a refused code exchange.
func tokenError(err error, issuer string) error {
	var he mautrix.HTTPError
	if errors.As(err, &he) && he.RespError != nil && he.Response != nil && he.Response.StatusCode < 500 {
		if he.RespError.ErrCode == "invalid_grant" {
			return &Error{Kind: KindOAuthCodeRefused, Server: hostOfURL(issuer), Err: err}
		}
		return &Error{Kind: KindOAuthRefused, Reason: ReasonCodeExchangeRefused, Server: hostOfURL(issuer), Said: quoteRemote(he.RespError.ErrCode), Err: err}
	}
	return oauthRequestFailed(err, hostOfURL(issuer))
}

// oauthRenew trades s's refresh token for new tokens at its token endpoint,
// through mautrix's refresh (which rotates the refresh token when the
// server hands out a new one). A refused refresh token ends the session:
// the reader signs in on the server's page again.
func oauthRenew(ctx context.Context, s Session) (Session, error) {
	api, err := newAPI(s.HomeserverURL)
	if err != nil {
		return s, badServerName(s.HomeserverURL, err)
	}
	api.OAuthSetServerMetadata(grantMetadata(s.OAuth))
	// A zero expiry makes mautrix renew at once.
	api.OAuthSetTokens(s.OAuth.ClientID, s.RefreshToken, s.AccessToken, time.Time{})
	var got struct {
		refresh, access string
		expiry          time.Time
	}
	// mautrix calls SaveNewToken without checking it is set.
	api.SaveNewToken = func(_ context.Context, refresh, access string, expiry time.Time) error {
		got.refresh, got.access, got.expiry = refresh, access, expiry
		return nil
	}
	start := time.Now()
	err = api.OAuthRefreshToken(singleAttempt(ctx), 0)
	if err != nil {
		var he mautrix.HTTPError
		if errors.As(err, &he) && he.RespError != nil && he.Response != nil && he.Response.StatusCode >= 400 && he.Response.StatusCode < 500 {
			return s, oauthSessionOver(err)
		}
		return s, oauthRequestFailed(err, hostOfURL(s.OAuth.Issuer))
	}
	if got.access == "" {
		return s, oauthSessionOver(errors.New("the token endpoint answered without an access token"))
	}
	s.AccessToken, s.RefreshToken = got.access, got.refresh
	s.setLifetime(start, got.expiry.Sub(start).Milliseconds())
	return s, nil
}

// oauthSessionOver is the soft logout of an OAuth session: the refresh
// token is spent or revoked.
func oauthSessionOver(orig error) *Error {
	return &Error{Kind: KindSoftLogout, Reason: ReasonOAuthSessionOver, SoftLogout: true, Err: orig}
}

// oauthRevoke ends s at the authorization server (RFC 7009). Revoking the
// refresh token ends the whole session, access token included, on the
// Authentication Service.
func oauthRevoke(ctx context.Context, s Session) error {
	if s.OAuth.RevocationEndpoint == "" {
		return nil // nothing to call; the tokens lapse on their own
	}
	api, err := newAPI(s.HomeserverURL)
	if err != nil {
		return badServerName(s.HomeserverURL, err)
	}
	api.OAuthSetServerMetadata(grantMetadata(s.OAuth))
	api.OAuthSetTokens(s.OAuth.ClientID, s.RefreshToken, s.AccessToken, s.ExpiresAt)
	if err := api.OAuthRevokeToken(singleAttempt(ctx)); err != nil {
		return oauthRequestFailed(err, hostOfURL(s.OAuth.Issuer))
	}
	return nil
}
