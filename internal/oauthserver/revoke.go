package oauthserver

import (
	"context"
	"log"
	"net/http"
)

// revoke is RFC 7009. A public client names itself with client_id (§2.1
// asks the server to check the token was issued to the caller). Revoking
// either token ends the whole session, as MAS does, and deletes its device
// on Synapse so Synapse stops accepting the access token at once, whatever
// its introspection cache holds. An unknown token is not an error (§2.2).
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "The revocation request must be an application/x-www-form-urlencoded form.")
		return
	}
	c := s.client(r.PostForm.Get("client_id"))
	if c == nil {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Unknown or missing client_id.")
		return
	}
	value := r.PostForm.Get("token")
	if value == "" {
		oauthError(w, http.StatusBadRequest, "invalid_request", "token is required.")
		return
	}
	s.mu.Lock()
	t := s.tokens[value]
	s.mu.Unlock()
	if t == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	if t.session.clientID != c.id {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "The token was issued to another client.")
		return
	}
	s.endSession(r.Context(), t.session)
	w.WriteHeader(http.StatusOK)
}

// endSession marks ss and all its tokens dead and deletes its device on
// Synapse. A failed delete is logged: the tokens are dead here anyway, and
// Synapse's cached introspection of the access token then lasts until its
// expiry or 2 minutes, whichever is first.
func (s *Server) endSession(ctx context.Context, ss *session) {
	s.mu.Lock()
	already := ss.ended
	ss.ended = true
	s.mu.Unlock()
	if already {
		return
	}
	if err := s.deleteDevice(ctx, ss.localpart, ss.deviceID); err != nil {
		log.Printf("oauthserver: ending session of %s: %v", ss.localpart, err)
	}
}
