package oauthserver

import (
	"crypto/subtle"
	"net/http"
	"time"
)

// introspect is RFC 7662 for Synapse, which sends the shared secret as a
// bearer token and reads active, scope, username (the localpart), sub,
// device_id and expires_in (synapse/api/auth/mas.py, IntrospectionResponse).
//
// Synapse caches an answer for 2 minutes but treats it as active only until
// retrieved_at + expires_in, so expires_in here is the whole seconds left,
// rounded down: Synapse never accepts a token past its expiry.
//
// A refresh token is never active here: RFC 6749 §1.5 keeps refresh tokens
// from resource servers, and Synapse would otherwise take one as an access
// token.
func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+s.Secret)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="introspection"`)
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Introspection needs the shared secret as a bearer token.")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "The introspection request must be a form.")
		return
	}
	s.mu.Lock()
	t := s.tokens[r.PostForm.Get("token")]
	s.mu.Unlock()
	now := time.Now()
	if t == nil || t.kind != accessToken || !now.Before(t.expires) {
		writeJSON(w, http.StatusOK, map[string]any{"active": false})
		return
	}
	s.mu.Lock()
	ended := t.session.ended
	s.mu.Unlock()
	if ended {
		writeJSON(w, http.StatusOK, map[string]any{"active": false})
		return
	}
	ss := t.session
	writeJSON(w, http.StatusOK, map[string]any{
		"active":     true,
		"token_type": "access_token",
		"scope":      ss.scope,
		"client_id":  ss.clientID,
		"username":   ss.localpart,
		"sub":        "user:" + ss.localpart,
		"device_id":  ss.deviceID,
		"iat":        t.issued.Unix(),
		"exp":        t.expires.Unix(),
		"expires_in": int64(t.expires.Sub(now) / time.Second),
	})
}
