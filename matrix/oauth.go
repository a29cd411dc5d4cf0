package matrix

import (
	"context"
	"net/http"
	"slices"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/oauth"
)

// getAuthMetadata asks for OAuth 2.0 server metadata (RFC 8414, as served by
// GET /_matrix/client/v1/auth_metadata) at the stable path (spec v1.15) and
// then the MSC2965 unstable one that servers deployed before it. Any
// failure (404, M_UNRECOGNIZED, junk) means "no OAuth".
func getAuthMetadata(ctx context.Context, api *mautrix.Client) *oauth.ServerMetadata {
	paths := []mautrix.ClientURLPath{
		{"v1", "auth_metadata"},
		{"unstable", "org.matrix.msc2965", "auth_metadata"},
	}
	for _, p := range paths {
		var m oauth.ServerMetadata
		_, err := api.MakeRequest(ctx, http.MethodGet, api.BuildURL(p), nil, &m)
		if err == nil && m.Issuer != "" && m.AuthorizationEndpoint != "" {
			return &m
		}
	}
	return nil
}

// oauthInPage reports whether the guide can sign a reader in through m
// without leaving the chapter for good: it can register itself (RFC 7591),
// and the server does the authorization code grant with PKCE S256 and
// answers in the query, the way oauth_authorize.go asks.
func oauthInPage(m *oauth.ServerMetadata) bool {
	return m.RegistrationEndpoint != "" && m.TokenEndpoint != "" &&
		slices.Contains(m.ResponseTypesSupported, oauth.ResponseTypeCode) &&
		slices.Contains(m.CodeChallengeMethodsSupported, oauth.CodeChallengeMethodS256) &&
		(len(m.ResponseModesSupported) == 0 || slices.Contains(m.ResponseModesSupported, oauth.ResponseModeQuery))
}

// oauthSignupURL picks the page where a reader can create an account on an
// OAuth server: the account management page when advertised, else the
// issuer (its home page offers sign-up on common servers such as MAS).
func oauthSignupURL(m *oauth.ServerMetadata) string {
	if m.AccountManagementURI != "" {
		return m.AccountManagementURI
	}
	return m.Issuer
}

// OAuthRequired is the Err inside a KindOAuthOnly *Error: where the reader
// can go instead, taken from the server's auth_metadata. Get it with
// errors.As(err, &oauthRequired).
type OAuthRequired struct {
	Issuer     string // the OAuth sign-in service
	AccountURL string // the account page, if advertised
	SignupURL  string // best page to create an account: AccountURL or Issuer
}

func (o *OAuthRequired) Error() string {
	return "server requires OAuth 2.0 (issuer " + o.Issuer + ")"
}

// The cases of KindOAuthOnly, with the server's name in Server. Without
// a Reason: it signs people in on its own page, which the guide cannot
// open in a chapter.
const (
	// ReasonOAuthSignupHere, ReasonOAuthSigninHere: the guide can open
	// the server's OAuth page (whose host is in Address) and come back.
	ReasonOAuthSignupHere Reason = "oauth_signup_here"
	ReasonOAuthSigninHere Reason = "oauth_signin_here"
	// ReasonOAuthSignupPage: accounts are made on the server's own page,
	// which the guide cannot open; ...At when Address names it.
	ReasonOAuthSignupPage   Reason = "oauth_signup_page"
	ReasonOAuthSignupPageAt Reason = "oauth_signup_page_at"
	// ReasonOAuthSigninPageAt: signing in is on its own page; Address
	// is where the account is managed.
	ReasonOAuthSigninPageAt Reason = "oauth_signin_page_at"
	// ReasonSSOOnly: no password log-in, but single sign-on.
	ReasonSSOOnly Reason = "sso_only"
	// ReasonNoPasswordLogin: no password log-in and nothing the guide has.
	ReasonNoPasswordLogin Reason = "no_password_login"
)

func oauthOnlyError(srv *Server, signup bool) *Error {
	a := srv.Auth
	out := &Error{Kind: KindOAuthOnly, Server: srv.Name, Err: &OAuthRequired{Issuer: a.OAuthIssuer, AccountURL: a.OAuthAccountURL, SignupURL: a.SignupURL}}
	switch {
	case a.OAuthInPage && signup:
		out.Reason, out.Address = ReasonOAuthSignupHere, hostOfURL(a.OAuthIssuer)
	case a.OAuthInPage:
		out.Reason, out.Address = ReasonOAuthSigninHere, hostOfURL(a.OAuthIssuer)
	case signup && a.SignupURL != "":
		out.Reason, out.Address = ReasonOAuthSignupPageAt, a.SignupURL
	case signup:
		out.Reason = ReasonOAuthSignupPage
	case a.SignupURL != "":
		out.Reason, out.Address = ReasonOAuthSigninPageAt, a.SignupURL
	}
	return out
}
