package matrix

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"maunium.net/go/mautrix"
)

// Single sign-on (SSO), the spec's m.login.sso: the reader leaves for the
// server's identity provider and comes back with a one-time login token.
//
//	u, _ := matrix.SSORedirectURL(srv, idp.ID, chapterURL) // navigate the whole page there
//	// ... the server sends the reader back to chapterURL?loginToken=...
//	sess, err := matrix.LoginWithToken(ctx, matrix.TokenLoginRequest{HomeserverURL: srv.BaseURL, Token: t})
//
// The same round trip signs up a newcomer: servers with SSO create the
// account the first time someone arrives from the provider.

// LoginTokenParam is the query parameter the server adds to the redirect
// URL on the way back (spec: "Client login via SSO").
const LoginTokenParam = "loginToken"

// The cases of single sign-on that call for their own words.
const (
	ReasonNoSSO             Reason = "no_sso"               // KindUnsupported: the server has no SSO
	ReasonNoReturnAddress   Reason = "no_return_address"    // KindBadRequest: the page's own address is unusable
	ReasonSSONoToken        Reason = "sso_no_token"         // KindForbidden: back without a login token
	ReasonSSOTokenRefused   Reason = "sso_token_refused"    // KindForbidden: the token expired or was used
	ReasonNoSessionAfterSSO Reason = "no_session_after_sso" // KindUnknown: accepted, but no access token came
)

// SSORedirectURL is where the reader's browser goes to sign in through
// idpID, one of srv.Auth.IdentityProviders ("" lets the server offer its
// own choice). The server sends the browser back to redirectURL with a
// loginToken parameter added.
func SSORedirectURL(srv *Server, idpID, redirectURL string) (string, error) {
	if srv == nil {
		return "", &Error{Kind: KindBadServerName, Reason: ReasonNoServer}
	}
	if !srv.Auth.SSO {
		return "", &Error{Kind: KindUnsupported, Reason: ReasonNoSSO}
	}
	back, err := url.Parse(redirectURL)
	if err != nil || (back.Scheme != "https" && back.Scheme != "http") || back.Host == "" {
		return "", &Error{Kind: KindBadRequest, Reason: ReasonNoReturnAddress}
	}
	back.Fragment = ""
	u := strings.TrimRight(srv.BaseURL, "/") + "/_matrix/client/v3/login/sso/redirect"
	if idpID != "" {
		u += "/" + url.PathEscape(idpID)
	}
	return u + "?redirectUrl=" + url.QueryEscape(back.String()), nil
}

// TokenLoginRequest finishes a single sign-on.
type TokenLoginRequest struct {
	// HomeserverURL is the server's client API address (Server.BaseURL)
	// that the reader was sent to.
	HomeserverURL string
	// Token is the loginToken the server added to the redirect URL.
	Token string
	// InitialDeviceName is how this session shows in the reader's device
	// list; empty lets the server choose.
	InitialDeviceName string
}

// LoginWithToken exchanges the login token from a single sign-on for a
// Session (POST /login with m.login.token). A token works once and for a
// short time (two minutes on Synapse).
//
// Errors (*Error): KindForbidden (the token is used up, expired or
// unknown: start the sign-on again), KindAccountDisabled, KindRateLimited
// and the network kinds.
func LoginWithToken(ctx context.Context, req TokenLoginRequest) (*Session, error) {
	token := strings.TrimSpace(req.Token)
	if token == "" {
		return nil, &Error{Kind: KindForbidden, Reason: ReasonSSONoToken}
	}
	api, err := newAPI(req.HomeserverURL)
	if err != nil {
		return nil, badServerName(req.HomeserverURL, err)
	}
	var resp mautrix.RespLogin
	start := time.Now()
	_, err = api.MakeFullRequest(ctx, mautrix.FullRequest{
		Method: http.MethodPost,
		URL:    api.BuildClientURL("v3", "login"),
		RequestJSON: &mautrix.ReqLogin{
			Type:                     mautrix.AuthTypeToken,
			Token:                    token,
			InitialDeviceDisplayName: req.InitialDeviceName,
			RefreshToken:             true, // as Login asks: see refresh.go
		},
		ResponseJSON:     &resp,
		SensitiveContent: true,
	})
	if err != nil {
		err = classify(err, opLogin)
		if KindOf(err) == KindWrongPassword {
			// M_FORBIDDEN here is about the token, not a password.
			return nil, &Error{Kind: KindForbidden, Reason: ReasonSSOTokenRefused, Err: err}
		}
		return nil, err
	}
	if resp.AccessToken == "" || resp.UserID == "" {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonNoSessionAfterSSO}
	}
	sess := &Session{
		HomeserverURL: strings.TrimRight(req.HomeserverURL, "/"),
		UserID:        resp.UserID,
		DeviceID:      resp.DeviceID,
		AccessToken:   resp.AccessToken,
		RefreshToken:  resp.RefreshToken,
	}
	sess.setLifetime(start, resp.ExpiresInMS)
	return sess, nil
}
