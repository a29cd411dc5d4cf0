package matrix

import (
	"context"
	"crypto/rand"
	"net/url"
	"slices"

	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/oauth"
)

// OAuthTrip is what must survive the reader's trip to the server's sign-in
// page: the page is gone by the time they come back, so the caller stores
// it (never in a URL: CodeVerifier is the secret that proves the code is
// ours) and hands it to FinishOAuth.
type OAuthTrip struct {
	URL string `json:"-"` // where to send the page now; not kept

	HomeserverURL      string `json:"homeserver_url"`
	Issuer             string `json:"issuer"`
	TokenEndpoint      string `json:"token_endpoint"`
	RevocationEndpoint string `json:"revocation_endpoint,omitempty"`
	ClientID           string `json:"client_id"`
	RedirectURI        string `json:"redirect_uri"`
	DeviceID           string `json:"device_id"`
	State              string `json:"state"`
	CodeVerifier       string `json:"code_verifier"`
	Signup             bool   `json:"signup,omitempty"`
}

// StartOAuth prepares a sign-in (or, with signup, a sign-up where the
// server offers it) on srv's authorization server for clientID (from
// RegisterOAuthClient with the same redirectURI): an authorization code
// request with PKCE S256, a fresh device of the spec's form, and the
// answer asked for in the query of redirectURI.
func StartOAuth(ctx context.Context, srv *Server, clientID, redirectURI string, signup bool) (*OAuthTrip, error) {
	api, meta, err := oauthAPI(ctx, srv)
	if err != nil {
		return nil, err
	}
	if !oauthInPage(meta) {
		return nil, &Error{Kind: KindUnsupported, Reason: ReasonOAuthNotInPage}
	}
	device := newDeviceID()
	start, err := api.OAuthGetAuthorizationURL(ctx, oauth.GetAuthorizationURLParams{
		ClientID:    clientID,
		RedirectURI: redirectURI,
		// Exactly one device scope, as the spec and the Authentication
		// Service require: the device this session will be.
		Scopes: oauth.ScopeList{oauth.ScopeClientAPI, oauth.ScopeDevice(id.DeviceID(device))},
		// mautrix sends response_mode even when empty, which servers
		// refuse: query is what every server supports and what we read.
		ResponseMode: oauth.ResponseModeQuery,
	})
	if err != nil {
		return nil, err
	}
	target := start.URL
	if signup && slices.Contains(meta.PromptValuesSupported, oauth.PromptValueCreate) {
		// mautrix has no prompt parameter.
		u, err := url.Parse(target)
		if err != nil {
			return nil, err
		}
		q := u.Query()
		q.Set("prompt", string(oauth.PromptValueCreate))
		u.RawQuery = q.Encode()
		target = u.String()
	}
	return &OAuthTrip{
		URL:                target,
		HomeserverURL:      srv.BaseURL,
		Issuer:             meta.Issuer,
		TokenEndpoint:      meta.TokenEndpoint,
		RevocationEndpoint: meta.RevocationEndpoint,
		ClientID:           clientID,
		RedirectURI:        redirectURI,
		DeviceID:           device,
		State:              start.State,
		CodeVerifier:       start.CodeVerifier,
		Signup:             signup,
	}, nil
}

// newDeviceID is 10 characters from A–Z and 0–9 (the Authentication
// Service refuses device IDs shorter than 10), about 52 bits of chance.
func newDeviceID() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, 10)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// OAuthParams are the parameters the server adds to the redirect address
// on the way back; a page with any of them is a return from a sign-in.
var OAuthParams = []string{"code", "state", "error", "error_description", "error_uri", "iss"}

// IsOAuthReturn reports whether q (a page address's query) is the answer
// of an authorization server.
func IsOAuthReturn(q url.Values) bool {
	return q.Has("state") && (q.Has("code") || q.Has("error"))
}
