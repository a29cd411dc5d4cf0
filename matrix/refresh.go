package matrix

import (
	"context"
	"errors"
	"net/http"
	"time"

	"maunium.net/go/mautrix"
)

// Sessions that renew themselves. Synapse hands out a refresh token when
// /login or /register asks for one (refresh_token: true, as both here do),
// and the access token that comes with it lasts only a few minutes
// (refreshable_access_token_lifetime, 5 minutes by default). The client
// renews it with POST /refresh:
//   - ahead of time, once Session.RenewAt has passed, before any request;
//   - when the server answers 401 M_UNKNOWN_TOKEN with soft_logout, which
//     is how an expired access token is refused.
// Every renewal is saved in the SessionStore given to UseSessionStore, so a
// reload carries on with the new tokens, and another tab on the same store
// takes them from there instead of spending its own, now stale, refresh
// token. When renewing is impossible (no
// refresh token, or the server refuses it) the reader gets KindSoftLogout:
// sign in again; the outbox keeps what was not sent yet.
// Dendrite gives no refresh token: its sessions simply never expire.

// renewMargin is how long before ExpiresAt the client renews: a quarter of
// the lifetime, at most a minute, so short test lifetimes work too.
func renewMargin(lifetime time.Duration) time.Duration {
	return min(lifetime/4, time.Minute)
}

// setLifetime fills in ExpiresAt and RenewAt from the server's expires_in_ms
// for a token issued at start.
func (s *Session) setLifetime(start time.Time, expiresInMS int64) {
	if expiresInMS <= 0 {
		s.ExpiresAt, s.RenewAt = time.Time{}, time.Time{}
		return
	}
	life := time.Duration(expiresInMS) * time.Millisecond
	s.ExpiresAt = start.Add(life)
	s.RenewAt = s.ExpiresAt.Add(-renewMargin(life))
}

// UseSessionStore makes the client save its session in store every time it
// renews its tokens. Restore sets it; after Login or Register, call it with
// the store the session was saved in.
func (c *Client) UseSessionStore(store SessionStore) {
	c.tokMu.Lock()
	c.store = store
	c.tokMu.Unlock()
}

// OnSessionChange calls fn with the new session after every renewal (for a
// widget that keeps its own copy). fn must not block.
func (c *Client) OnSessionChange(fn func(Session)) {
	c.tokMu.Lock()
	c.onSession = fn
	c.tokMu.Unlock()
}

// Session returns the session the client acts as, with its current tokens.
func (c *Client) Session() Session {
	c.tokMu.Lock()
	defer c.tokMu.Unlock()
	return c.session
}

// token is the access token requests go out with right now.
func (c *Client) token() string {
	c.tokMu.Lock()
	defer c.tokMu.Unlock()
	return c.session.AccessToken
}

// fresh renews the tokens if RenewAt has passed. A renewal that fails for
// network reasons is not an error here (the old token may still work; the
// request itself will say); one the server refuses ends the session.
func (c *Client) fresh(ctx context.Context) error {
	s := c.Session()
	if s.RefreshToken == "" || s.RenewAt.IsZero() || time.Now().Before(s.RenewAt) {
		return nil
	}
	err := c.renew(ctx, s.AccessToken)
	if SessionEnded(KindOf(err)) {
		return err
	}
	return nil
}

// renewable reports a refusal that a renewal may cure: 401 M_UNKNOWN_TOKEN
// with soft_logout. A hard logout (signed out elsewhere) and a locked
// account are not. A homeserver that delegates to an authorization server
// says only M_UNKNOWN_TOKEN for an expired token (Synapse's MAS mode sets
// no soft_logout), so for an OAuth session any M_UNKNOWN_TOKEN is worth
// one refresh: a revoked session then fails the refresh too.
func renewable(err error, oauthSession bool) bool {
	var he mautrix.HTTPError
	if !errors.As(err, &he) || he.RespError == nil || he.RespError.ErrCode != "M_UNKNOWN_TOKEN" {
		return false
	}
	soft, _ := he.RespError.ExtraData["soft_logout"].(bool)
	return soft || oauthSession
}

// renew trades the refresh token for new tokens. used is the access token a
// refused request went out with: if another request renewed meanwhile,
// there is nothing to do but try again with the new one. Renewals are one
// at a time, since Synapse lets each refresh token be used once.
func (c *Client) renew(ctx context.Context, used string) error {
	c.renewMu.Lock()
	defer c.renewMu.Unlock()
	s := c.Session()
	if s.AccessToken != used {
		return nil
	}
	// Another tab (another Client on the same store) may have renewed
	// already: its tokens are the ones to use, and ours are spent.
	if c.adoptStored(s) {
		return nil
	}
	if s.RefreshToken == "" {
		if s.OAuth != nil {
			return oauthSessionOver(nil)
		}
		return softLogout(nil)
	}
	if s.OAuth != nil {
		next, err := oauthRenew(ctx, s)
		if err != nil {
			if SessionEnded(KindOf(err)) && c.adoptStored(s) {
				return nil
			}
			return err
		}
		c.setSession(next, true)
		return nil
	}
	api, err := newAPI(s.HomeserverURL)
	if err != nil {
		return badServerName(s.HomeserverURL, err)
	}
	var resp struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		ExpiresInMS  int64  `json:"expires_in_ms"`
	}
	start := time.Now()
	_, err = api.MakeFullRequest(singleAttempt(ctx), mautrix.FullRequest{
		Method:           http.MethodPost,
		URL:              api.BuildClientURL("v3", "refresh"),
		RequestJSON:      map[string]string{"refresh_token": s.RefreshToken},
		ResponseJSON:     &resp,
		SensitiveContent: true,
	})
	if err != nil {
		cerr := classify(err, opRefresh)
		switch KindOf(cerr) {
		case KindTokenExpired, KindSoftLogout, KindForbidden, KindUnsupported:
			// The refresh token is spent or unknown (or the server lost
			// the endpoint): only the password brings the session back,
			// unless another tab renewed while this request was out.
			if c.adoptStored(s) {
				return nil
			}
			return softLogout(err)
		}
		return cerr
	}
	if resp.AccessToken == "" {
		return softLogout(errors.New("refresh answered without an access token"))
	}
	s.AccessToken = resp.AccessToken
	if resp.RefreshToken != "" {
		s.RefreshToken = resp.RefreshToken
	}
	s.setLifetime(start, resp.ExpiresInMS)

	c.setSession(s, true)
	return nil
}

// adoptStored takes the tokens in the session store when they are a later
// pair for the same user and device than s (another tab renewed: they
// expire later), and reports whether it did.
func (c *Client) adoptStored(s Session) bool {
	c.tokMu.Lock()
	store := c.store
	c.tokMu.Unlock()
	if store == nil {
		return false
	}
	st, err := store.Load()
	if err != nil || st == nil || st.UserID != s.UserID || st.DeviceID != s.DeviceID ||
		st.HomeserverURL != s.HomeserverURL || st.AccessToken == s.AccessToken ||
		!st.ExpiresAt.After(s.ExpiresAt) {
		// Not a later renewal of this very session (an older copy, one
		// whose save failed, or another sign-in).
		return false
	}
	c.setSession(*st, false)
	return true
}

// setSession makes s the client's session, saving it when save is set.
func (c *Client) setSession(s Session, save bool) {
	c.tokMu.Lock()
	c.session = s
	store, onSession := c.store, c.onSession
	c.tokMu.Unlock()
	// mautrix reads its AccessToken under its own lock; this setter takes
	// it. No OAuth client or refresh token is handed over, so mautrix's
	// own (OAuth-only) refresh never starts.
	c.api.OAuthSetTokens("", "", s.AccessToken, time.Time{})
	if save && store != nil {
		// Not saving only costs the renewal after a reload, where the
		// stored refresh token may already be spent: the reader then signs
		// in again. The session itself goes on.
		_ = store.Save(s)
	}
	if onSession != nil {
		onSession(s)
	}
}

// authed runs one request with a current token: renewed ahead of time when
// due, and once more after a renewal when the server refused the token as
// expired. The error is fn's own (unclassified) or the renewal's *Error.
func (c *Client) authed(ctx context.Context, fn func(context.Context) error) error {
	for attempt := 0; ; attempt++ {
		if err := c.fresh(ctx); err != nil {
			return err
		}
		used := c.token()
		err := fn(ctx)
		if err == nil || attempt >= 2 || !renewable(err, c.Session().OAuth != nil) {
			return err
		}
		if rerr := c.renew(ctx, used); rerr != nil {
			// Either the session is over (KindSoftLogout), or the renewal
			// could not be asked (network, server trouble): then that is
			// what the reader should hear, not a sign-out, since the
			// session may well be renewed a moment later.
			return rerr
		}
	}
}
