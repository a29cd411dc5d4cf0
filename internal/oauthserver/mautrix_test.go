//go:build !js

package oauthserver_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"go.mau.fi/util/exsync"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/oauth"

	"hellomatrix/internal/oauthserver/oauthtest"
)

// mautrix v0.31.0's OAuth client, the one the live client builds on, against
// the pair: metadata through Synapse, registration, its authorization URL
// (plus prompt=create, which it cannot send), code exchange, refresh and
// revocation, with Synapse answering whoami in between.
func TestMautrixOAuthClient(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	cli, err := mautrix.NewClient(p.HS.URL, "", "")
	if err != nil {
		t.Fatal(err)
	}
	// Without a RequestRetryTrigger, mautrix v0.31.0's prepareRequestAttempt
	// forgets which token a request carried, so every M_UNKNOWN_TOKEN looks
	// like "the token changed meanwhile" and is retried, with doubling
	// backoff and no limit, while a refresh token is set (client.go,
	// executeCompiledRequest). TestMautrixRetriesUnknownTokenForEver shows it.
	cli.RequestRetryTrigger = exsync.NewEvent()
	var saved int
	cli.SaveNewToken = func(context.Context, string, string, time.Time) error { saved++; return nil }
	meta, err := cli.OAuthGetServerMetadata(ctx)
	if err != nil || meta.Issuer != p.AS.URL {
		t.Fatalf("metadata %+v: %v", meta, err)
	}
	const redirect = "http://127.0.0.1:8080/chapters/live"
	reg, err := cli.OAuthRegisterClient(ctx, &oauth.ClientMetadata{
		ApplicationType: oauth.ApplicationTypeWeb, ClientName: "Hello Matrix",
		ClientURI: "http://127.0.0.1:8080/", RedirectURIs: []string{redirect},
		GrantTypes:              []oauth.GrantType{oauth.GrantTypeAuthorizationCode, oauth.GrantTypeRefreshToken},
		ResponseTypes:           []oauth.ResponseType{oauth.ResponseTypeCode},
		TokenEndpointAuthMethod: oauth.AuthMethodNone,
	})
	if err != nil || reg.ClientID == "" {
		t.Fatalf("registration: %+v %v", reg, err)
	}
	device := id.DeviceID(oauthtest.Random(12))
	authz, err := cli.OAuthGetAuthorizationURL(ctx, oauth.GetAuthorizationURLParams{
		RedirectURI: redirect, ResponseMode: oauth.ResponseModeQuery,
		Scopes: oauth.ScopeList{oauth.ScopeClientAPI, oauth.ScopeDevice(device)},
	})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(authz.URL)
	q := u.Query()
	q.Set("prompt", string(oauth.PromptValueCreate))
	u.RawQuery = q.Encode()

	browser := oauthtest.NewClient(oauthtest.Metadata{AuthorizationEndpoint: meta.AuthorizationEndpoint}, reg.ClientID, redirect)
	st, err := browser.Open(ctx, u.String())
	if err != nil || st.Page == nil || st.Page.Title != "Create an account" {
		t.Fatalf("%v %+v", err, st)
	}
	name := oauthtest.UniqueName("mautrix")
	if st, err = browser.Submit(ctx, st.Page, oauthtest.Credentials(name, "password123", true)); err != nil {
		t.Fatal(err)
	}
	code, err := st.Code(authz.State)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cli.OAuthExchangeToken(ctx, oauth.ExchangeTokenParams{
		CodeVerifier: authz.CodeVerifier, RedirectURI: redirect, Code: code, StoreCredentials: true,
	}); err != nil {
		t.Fatal(err)
	}
	who, err := cli.Whoami(ctx)
	if err != nil || who.UserID != id.UserID(p.UserID(name)) || who.DeviceID != device {
		t.Fatalf("whoami %+v: %v", who, err)
	}
	first := cli.AccessToken
	if err := cli.OAuthRefreshToken(ctx, time.Hour); err != nil || cli.AccessToken == first || saved != 1 {
		t.Fatalf("refresh: %v, token changed %t, saved %d", err, cli.AccessToken != first, saved)
	}
	if _, err := cli.Whoami(ctx); err != nil {
		t.Fatalf("whoami after refresh: %v", err)
	}
	if err := cli.OAuthRevokeToken(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Whoami(ctx); !errors.Is(err, mautrix.MUnknownToken) {
		t.Fatalf("whoami after revocation: %v, want M_UNKNOWN_TOKEN", err)
	}
}

// The mautrix gap the test above works around: with a refresh token set and
// no RequestRetryTrigger, a request whose token Synapse refuses before its
// local expiry is retried with the same token until its context ends.
func TestMautrixRetriesUnknownTokenForEver(t *testing.T) {
	p := oauthtest.Shared(t)
	ctx := ctxFor(t)
	_, _, tok, c := signUp(t, p)
	if err := c.Revoke(ctx, tok.AccessToken, "access_token"); err != nil {
		t.Fatal(err)
	}
	cli, err := mautrix.NewClient(p.HS.URL, "", "")
	if err != nil {
		t.Fatal(err)
	}
	cli.SaveNewToken = func(context.Context, string, string, time.Time) error { return nil }
	cli.OAuthSetTokens(c.ClientID, tok.RefreshToken, tok.AccessToken, time.Now().Add(tok.ExpiresIn))
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := cli.Whoami(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v: if mautrix now gives up on M_UNKNOWN_TOKEN, drop the RequestRetryTrigger workaround", err)
	}
	cli.RequestRetryTrigger = exsync.NewEvent()
	if _, err := cli.Whoami(ctx); !errors.Is(err, mautrix.MUnknownToken) {
		t.Fatalf("with a RequestRetryTrigger: %v, want M_UNKNOWN_TOKEN", err)
	}
}
