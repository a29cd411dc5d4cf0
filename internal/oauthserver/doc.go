// Package oauthserver is a STAND-IN for the Matrix Authentication Service
// (MAS), the OAuth 2.0 authorization server that matrix.org and other
// Synapse servers delegate sign-up and sign-in to. MAS itself is a Rust
// service that is not available as a package here, so the tests run this
// small in-memory server instead, next to a real Synapse 1.163.2 configured
// with matrix_authentication_service (internal/synapse, Options.MAS).
//
// It runs on the test side only, listens on 127.0.0.1 (or ::1) only, and
// is built on the standard library (net/http, html/template). Every rule it
// enforces names where it comes from:
//
//   - RFC 6749 (OAuth 2.0): the authorization code and refresh token
//     grants, error codes, redirect of errors, single-use codes and the
//     revocation of what a reused code issued (§4.1.2, §10.5).
//   - RFC 7636 (PKCE): S256 only; plain and missing challenges refused.
//   - RFC 7009 (revocation), RFC 7591 (dynamic client registration),
//     RFC 8414 (server metadata), RFC 8252 (native apps: loopback
//     redirects with any port).
//   - The Matrix spec's OAuth 2.0 API (v1.15): the
//     urn:matrix:client:api:* scope and exactly one
//     urn:matrix:client:device:<id> scope, and the metadata a client needs.
//   - MAS's documented behaviour (policies/client_registration,
//     policies/authorization_grant, crates/handlers): the client
//     registration policy (client_uri required, URIs on its host, https
//     except loopback), device IDs of at least 10 characters, access tokens
//     of 5 minutes with rotating refresh tokens, revocation ending the
//     whole session, CORS headers, prompt=create only with registration.
//   - Synapse 1.163.2 (synapse/api/auth/mas.py, synapse/rest/synapse/mas/):
//     what introspection must answer, and the /_synapse/mas/ calls that
//     provision users and devices before tokens are issued and delete the
//     device when a session ends.
//
// What it leaves out, because no test here needs it: ID tokens and JWKS
// (openid is accepted as a scope but no id_token is issued), the device
// code grant, confidential clients, email, consent screens, upstream
// identity providers, the public-suffix check on client hosts, and an
// account management UI (account_management_uri serves one sentence).
//
// What Synapse 1.163.2 does with it, as this package's tests show:
//
//   - It reads the metadata on first need and keeps it for the life of its
//     process (RetryOnExceptionCachedCall): with the server down before that
//     first read, /_matrix/client/v1/auth_metadata answers 500; after it,
//     200 whatever happens here. The answer carries Cache-Control
//     max-age=600, even the 500.
//   - It caches each introspection for 2 minutes, but only while
//     retrieved_at + expires_in lies ahead, so an expired token is refused
//     on time. (Tried: without expires_in a dead token passes for the 2 minutes.)
//   - It looks the device up on every request, so deleting the device ends
//     a revoked session at once despite the cache.
//   - An uncached token with the server down gets 503 M_UNKNOWN.
//   - With MAS on, /login and /refresh answer 404 M_UNRECOGNIZED, /register
//     403 M_FORBIDDEN and /_synapse/admin/v1/register 404: accounts exist
//     only through this server.
//
// Passwords are kept in memory, salted and hashed with PBKDF2-SHA256 at a
// low iteration count: a test tool, not a password store.
package oauthserver
