// Package oidcprovider runs an OpenID Connect identity provider on loopback
// for the single sign-on tests: Synapse's oidc_providers point at it, and a
// real browser signs in through it. It runs on the test side only.
//
// It is github.com/oauth2-proxy/mockoidc (discovery, JWKS, authorize,
// token, userinfo, RS256-signed ID tokens carrying Synapse's nonce, PKCE)
// with three changes, each because mockoidc deviates from a real provider
// there:
//
//   - Stand-in sign-in page: mockoidc approves every authorization request
//     at once for the next queued user. Here the authorize endpoint first
//     shows a small page asking for a username, as a real provider asks
//     for its own credentials, and that name becomes the user's
//     preferred_username (the claim Synapse's localpart_template reads) and,
//     prefixed, their stable subject. There is no password: the page stands
//     for "the reader proved who they are to the provider".
//   - client_secret_basic: mockoidc's discovery advertises it but its token
//     endpoint reads the client credentials from the form only. Credentials
//     sent in an Authorization: Basic header (Synapse's default) are moved
//     into the form first.
//   - One request at a time: mockoidc's session store is a plain map and
//     its user queue is shared, so requests are serialised.
//
// It listens on 127.0.0.1 only and refuses any other address.
package oidcprovider
