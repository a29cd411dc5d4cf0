package oauthserver

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"time"
)

// user is an account on the stand-in. Its Matrix account on Synapse has the
// same localpart and is provisioned before its first tokens.
type user struct {
	localpart  string
	salt, hash []byte
}

// pbkdf2Iterations is low on purpose: a test tool that signs up many users
// per run, not a password store.
const pbkdf2Iterations = 1000

func hashPassword(password string, salt []byte) []byte {
	k, _ := pbkdf2.Key(sha256.New, password, salt, pbkdf2Iterations, 32)
	return k
}

func (u *user) passwordMatches(password string) bool {
	return subtle.ConstantTimeCompare(hashPassword(password, u.salt), u.hash) == 1
}

// client is a registered client (RFC 7591), always public.
type client struct {
	id   string
	meta clientMetadata
}

// grant is an authorization request the stand-in accepted and is showing
// its sign-in or sign-up page for.
type grant struct {
	id           string
	client       *client
	redirectURI  string
	responseMode string // query or fragment
	state        string
	scope        string
	deviceID     string
	challenge    string // the S256 code_challenge
	loginHint    string // a localpart from login_hint=mxid:...
	created      time.Time
}

// code is an authorization code for a signed-in user. After its first
// exchange it remembers the session it made, so a second exchange can end
// that session (RFC 6749 §4.1.2).
type code struct {
	grant     *grant
	localpart string
	issued    time.Time
	used      bool
	session   *session
}

// session is one signed-in device: what MAS calls an OAuth 2.0 session. All
// its tokens die with it.
type session struct {
	id        string
	clientID  string
	localpart string
	deviceID  string
	scope     string
	ended     bool
	tokens    []*token
}

type tokenKind int

const (
	accessToken tokenKind = iota
	refreshToken
)

type token struct {
	value   string
	kind    tokenKind
	session *session
	issued  time.Time
	expires time.Time // access tokens only
	rotated bool      // refresh tokens: already exchanged for a new pair
}

// grantLifetime bounds how long a sign-in page stays usable.
const grantLifetime = time.Hour
