package matrix

import (
	"context"
	"fmt"
	"net/http"

	"maunium.net/go/mautrix"
)

// authMetadata is the part of the OAuth 2.0 server metadata (RFC 8414, as
// served by GET /_matrix/client/v1/auth_metadata) the guide shows.
type authMetadata struct {
	Issuer                string   `json:"issuer"`
	AuthorizationEndpoint string   `json:"authorization_endpoint"`
	AccountManagementURI  string   `json:"account_management_uri"`
	PromptValuesSupported []string `json:"prompt_values_supported"`
}

// getAuthMetadata asks for OAuth 2.0 server metadata at the stable path
// (spec v1.15) and then the MSC2965 unstable one that servers deployed
// before it. Any failure (404, M_UNRECOGNIZED, junk) means "no OAuth".
func getAuthMetadata(ctx context.Context, api *mautrix.Client) *authMetadata {
	paths := []mautrix.ClientURLPath{
		{"v1", "auth_metadata"},
		{"unstable", "org.matrix.msc2965", "auth_metadata"},
	}
	for _, p := range paths {
		var m authMetadata
		_, err := api.MakeRequest(ctx, http.MethodGet, api.BuildURL(p), nil, &m)
		if err == nil && m.Issuer != "" && m.AuthorizationEndpoint != "" {
			return &m
		}
	}
	return nil
}

// oauthSignupURL picks the page where a reader can create an account on an
// OAuth server: the account management page when advertised, else the
// issuer (its home page offers sign-up on common servers such as MAS).
func oauthSignupURL(m *authMetadata) string {
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
