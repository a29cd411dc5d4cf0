package matrix

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/oauth"
)

// Signing in through a server's OAuth 2.0 authorization server (spec v1.15,
// "OAuth 2.0 API"; the Matrix Authentication Service is the one servers run)
// takes three steps, each in its own file:
//   - RegisterOAuthClient (here): the guide introduces itself to the
//     authorization server once per server and gets a client_id (RFC 7591
//     dynamic client registration);
//   - StartOAuth (oauth_authorize.go): the address of the server's sign-in
//     (or sign-up) page, with PKCE; the page goes there whole;
//   - FinishOAuth (oauth_token.go): back in the chapter, the code in the
//     address is traded for tokens, and the session renews and revokes
//     them from then on (refresh.go, Logout).
// mautrix's OAuth client does the requests; this package fills its gaps
// (no prompt parameter, response_mode must be set, SaveNewToken must be set,
// no User-Agent from a browser: newAPI drops it).

// OAuthApp is how the guide describes itself to an authorization server.
// Every address must be on ClientURI's host: the Authentication Service's
// default policy refuses the registration otherwise.
type OAuthApp struct {
	Name        string // shown on the server's consent page: "Hello Matrix"
	ClientURI   string // the guide's home page, e.g. https://guide.example/
	LogoURI     string // optional
	PolicyURI   string // optional: the guide's privacy page
	TOSURI      string // optional: the guide's terms
	RedirectURI string // the chapter the reader comes back to, without query or fragment
}

// The cases of an OAuth sign-in that call for their own words. Said holds
// the server's own words (quoteRemote) where a case quotes them.
const (
	ReasonOAuthNotInPage      Reason = "oauth_not_in_page"     // KindUnsupported: no flow the guide can use in a page
	ReasonOAuthNoRegistration Reason = "oauth_no_registration" // KindUnsupported: no dynamic client registration
	ReasonOAuthGone           Reason = "oauth_gone"            // KindUnsupported: the server no longer names its issuer
	ReasonOAuthNoClientID     Reason = "oauth_no_client_id"    // KindOAuthClientRefused: registered, but no client_id
	ReasonClientRefusedSaid   Reason = "client_refused_said"   // KindOAuthClientRefused: with its description
	ReasonClientRefusedCode   Reason = "client_refused_code"   // KindOAuthClientRefused: with only its error code
	ReasonCancelledSignup     Reason = "cancelled_signup"      // KindOAuthCancelled while creating an account
	ReasonPageRefusedSaid     Reason = "page_refused_said"     // KindOAuthRefused: the page sent an error, with its description
	ReasonPageRefusedCode     Reason = "page_refused_code"     // KindOAuthRefused: the same, with only its error code
	ReasonOAuthNoToken        Reason = "oauth_no_token"        // KindOAuthRefused: the token endpoint sent no token
	ReasonCodeExchangeRefused Reason = "code_exchange_refused" // KindOAuthRefused: the code was refused for another reason
	ReasonOAuthSessionOver    Reason = "oauth_session_over"    // KindSoftLogout of an OAuth session
)

// RegisterOAuthClient registers the guide with srv's authorization server
// as a public web client (no secret: a page cannot keep one) and returns its
// client_id. Keep it per server and redirect address; registering again is
// harmless but leaves another client behind on the server.
func RegisterOAuthClient(ctx context.Context, srv *Server, app OAuthApp) (string, error) {
	api, meta, err := oauthAPI(ctx, srv)
	if err != nil {
		return "", err
	}
	if meta.RegistrationEndpoint == "" {
		return "", &Error{Kind: KindUnsupported, Reason: ReasonOAuthNoRegistration}
	}
	resp, err := api.OAuthRegisterClient(ctx, &oauth.ClientMetadata{
		ApplicationType:         oauth.ApplicationTypeWeb,
		ClientName:              app.Name,
		ClientURI:               app.ClientURI,
		LogoURI:                 app.LogoURI,
		PolicyURI:               app.PolicyURI,
		TOSURI:                  app.TOSURI,
		RedirectURIs:            []string{app.RedirectURI},
		GrantTypes:              []oauth.GrantType{oauth.GrantTypeAuthorizationCode, oauth.GrantTypeRefreshToken},
		ResponseTypes:           []oauth.ResponseType{oauth.ResponseTypeCode},
		TokenEndpointAuthMethod: oauth.AuthMethodNone,
	})
	if err != nil {
		return "", clientRefused(err, srv, app)
	}
	if resp == nil || resp.ClientID == "" {
		return "", &Error{Kind: KindOAuthClientRefused, Reason: ReasonOAuthNoClientID}
	}
	return resp.ClientID, nil
}

// clientRefused sorts out a failed registration. A refusal of an address on
// plain-http loopback is the common one when trying the guide locally: the
// Authentication Service accepts web clients only on https.
func clientRefused(err error, srv *Server, app OAuthApp) error {
	var he mautrix.HTTPError
	if !errors.As(err, &he) || he.RespError == nil || he.Response == nil || he.Response.StatusCode >= 500 {
		return oauthRequestFailed(err, srv.Name)
	}
	code, why := he.RespError.ErrCode, he.RespError.Err
	if u, perr := url.Parse(app.RedirectURI); perr == nil && u.Scheme == "http" && isLoopbackHost(u.Hostname()) {
		return &Error{Kind: KindOAuthInsecurePage, Server: u.Host, Err: err}
	}
	out := &Error{Kind: KindOAuthClientRefused, Err: err}
	if why != "" {
		out.Reason, out.Said = ReasonClientRefusedSaid, strings.TrimSuffix(quoteRemote(why), ".")
	} else if code != "" {
		out.Reason, out.Said = ReasonClientRefusedCode, quoteRemote(code)
	}
	return out
}

// oauthAPI is an unauthenticated client on srv with its authorization
// server's metadata loaded (both the stable and the unstable paths, which
// mautrix alone does not try).
func oauthAPI(ctx context.Context, srv *Server) (*mautrix.Client, *oauth.ServerMetadata, error) {
	if srv == nil {
		return nil, nil, &Error{Kind: KindBadServerName, Reason: ReasonNoServer}
	}
	api, err := newAPI(srv.BaseURL)
	if err != nil {
		return nil, nil, badServerName(srv.BaseURL, err)
	}
	meta := getAuthMetadata(ctx, api)
	if meta == nil {
		return nil, nil, &Error{Kind: KindUnsupported, Reason: ReasonOAuthGone, Server: srv.Name}
	}
	api.OAuthSetServerMetadata(meta)
	return api, meta, nil
}

// oauthRequestFailed sorts out a request to the authorization server that got
// no usable answer: it is down, unreachable, or blocks this page (CORS).
// server names whose sign-in service it is.
func oauthRequestFailed(err error, server string) error {
	cerr := classify(err, opOAuth)
	var e *Error
	if errors.As(cerr, &e) {
		switch e.Kind {
		case KindUnreachable, KindNetworkDown, KindCORS, KindServerError, KindNotMatrix:
			return &Error{Kind: KindOAuthUnreachable, Server: server, Err: err}
		case KindCanceled:
			return cerr
		}
	}
	return cerr
}

// quoteRemote makes a remote server's own words fit to quote (Error.Said)
// (see oneLine), at most 160 characters.
func quoteRemote(s string) string { return oneLine(s, 160) }
