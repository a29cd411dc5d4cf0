package matrix

import (
	"context"
	"fmt"
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

func oauthOnlyError(srv *Server, signup bool) *Error {
	a := srv.Auth
	var msg string
	if a.OAuthInPage {
		where := hostOfURL(a.OAuthIssuer)
		if signup {
			msg = fmt.Sprintf("This server (%s) creates accounts on its own sign-in page, not with this form. Press \"Create an account on %s\" below: the page opens, and you come back here signed in.", srv.Name, where)
		} else {
			msg = fmt.Sprintf("This server (%s) does not take passwords here: it signs people in on its own page. Press \"Sign in on %s\" below: the page opens, and you come back here signed in.", srv.Name, where)
		}
		return &Error{Kind: KindOAuthOnly, Message: msg, Err: &OAuthRequired{Issuer: a.OAuthIssuer, AccountURL: a.OAuthAccountURL, SignupURL: a.SignupURL}}
	}
	if signup {
		msg = fmt.Sprintf("This server (%s) creates accounts on its own web page, which this guide cannot show inside a chapter.", srv.Name)
	} else {
		msg = fmt.Sprintf("This server (%s) signs people in on its own web page, which this guide cannot show inside a chapter.", srv.Name)
	}
	if a.SignupURL != "" {
		if signup {
			msg += " Create your account at " + a.SignupURL + ", then use it in any Matrix app."
		} else {
			msg += " You can manage your account at " + a.SignupURL + "."
		}
	}
	return &Error{
		Kind:    KindOAuthOnly,
		Message: msg,
		Err:     &OAuthRequired{Issuer: a.OAuthIssuer, AccountURL: a.OAuthAccountURL, SignupURL: a.SignupURL},
	}
}
