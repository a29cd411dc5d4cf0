package oauthserver

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"slices"
	"time"
)

// tokenResponse is RFC 6749 §5.1 with the scope always given.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
}

// token is the token endpoint (RFC 6749 §3.2): the authorization_code and
// refresh_token grants for public clients, which identify themselves with
// client_id alone (§2.3, token_endpoint_auth_method none).
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "The token request must be an application/x-www-form-urlencoded form.")
		return
	}
	f := r.PostForm
	gt := f.Get("grant_type")
	if gt == "" {
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant_type is missing.")
		return
	}
	if gt != "authorization_code" && gt != "refresh_token" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "Only the authorization_code and refresh_token grants are supported.")
		return
	}
	c := s.client(f.Get("client_id"))
	if c == nil {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Unknown or missing client_id.")
		return
	}
	if !slices.Contains(c.meta.GrantTypes, gt) {
		oauthError(w, http.StatusBadRequest, "unauthorized_client", "This client did not register the "+gt+" grant (grant_types).")
		return
	}
	if gt == "authorization_code" {
		s.exchangeCode(w, r, c)
	} else {
		s.refresh(w, r, c)
	}
}

// exchangeCode is RFC 6749 §4.1.3 with RFC 7636 §4.6's verifier check. A
// code is good once, within CodeTTL; a second exchange ends the session
// the first one made (RFC 6749 §4.1.2: the code may have been stolen).
func (s *Server) exchangeCode(w http.ResponseWriter, r *http.Request, c *client) {
	f := r.PostForm
	value, verifier := f.Get("code"), f.Get("code_verifier")
	if value == "" || verifier == "" {
		oauthError(w, http.StatusBadRequest, "invalid_request", "code and code_verifier are required.")
		return
	}
	s.mu.Lock()
	cd := s.codes[value]
	var reused *session
	refusal := ""
	switch {
	case cd == nil:
		refusal = "The authorization code is unknown."
	case cd.used:
		reused, cd.session = cd.session, nil
		refusal = "The authorization code was already used; the session it gave is now ended."
	case time.Since(cd.issued) > s.opts.CodeTTL:
		refusal = "The authorization code has expired."
	case cd.grant.client != c:
		refusal = "The authorization code was issued to another client."
	case f.Get("redirect_uri") != cd.grant.redirectURI:
		refusal = "redirect_uri differs from the one in the authorization request."
	case !verifierMatches(verifier, cd.grant.challenge):
		refusal = "The code_verifier does not match the code_challenge."
	default:
		cd.used = true
	}
	s.mu.Unlock()
	if reused != nil {
		s.endSession(r.Context(), reused)
	}
	if refusal != "" {
		oauthError(w, http.StatusBadRequest, "invalid_grant", refusal)
		return
	}

	g := cd.grant
	// Provision first (MAS's sync to the homeserver): Synapse must know the
	// user and the device before it sees the token.
	if err := s.provisionUser(r.Context(), cd.localpart); err != nil {
		oauthError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The homeserver could not be reached to set up the account: "+err.Error())
		return
	}
	if err := s.upsertDevice(r.Context(), cd.localpart, g.deviceID, c.meta.ClientName); err != nil {
		oauthError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The homeserver could not be reached to set up the device: "+err.Error())
		return
	}
	ss := &session{id: randomString(12), clientID: c.id, localpart: cd.localpart, deviceID: g.deviceID, scope: g.scope}
	s.mu.Lock()
	s.sessions[ss.id] = ss
	cd.session = ss
	resp := s.issueTokens(ss)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, resp)
}

// refresh is RFC 6749 §6 with rotation (the OAuth 2.0 Security BCP for
// public clients; MAS rotates too): each refresh token is good once, and
// the new pair replaces it. The old access token lives out its lifetime.
func (s *Server) refresh(w http.ResponseWriter, r *http.Request, c *client) {
	value := r.PostForm.Get("refresh_token")
	if value == "" {
		oauthError(w, http.StatusBadRequest, "invalid_request", "refresh_token is required.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[value]
	switch {
	case t == nil || t.kind != refreshToken:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is unknown.")
	case t.session.ended:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token's session has ended (signed out or revoked).")
	case t.rotated:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token was already used; use the one that came with it.")
	case t.session.clientID != c.id:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token was issued to another client.")
	default:
		t.rotated = true
		writeJSON(w, http.StatusOK, s.issueTokens(t.session))
	}
}

// issueTokens makes a new access and refresh token for ss. s.mu is held.
func (s *Server) issueTokens(ss *session) tokenResponse {
	now := time.Now()
	at := &token{value: "mat_" + randomString(32), kind: accessToken, session: ss, issued: now, expires: now.Add(s.accessTTL)}
	rt := &token{value: "mar_" + randomString(32), kind: refreshToken, session: ss, issued: now}
	s.tokens[at.value], s.tokens[rt.value] = at, rt
	ss.tokens = append(ss.tokens, at, rt)
	return tokenResponse{
		AccessToken: at.value, TokenType: "Bearer", ExpiresIn: int64(s.accessTTL / time.Second),
		RefreshToken: rt.value, Scope: ss.scope,
	}
}

// verifierMatches is RFC 7636 §4.6 for S256:
// BASE64URL(SHA256(verifier)) == challenge.
func verifierMatches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	return subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(challenge)) == 1
}
