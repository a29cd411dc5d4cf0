package oauthserver

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// clientMetadata is the part of RFC 7591 §2 (and OpenID Connect Dynamic
// Client Registration's application_type) the Matrix spec's clients send.
// Unknown fields are ignored, as RFC 7591 §2 asks.
type clientMetadata struct {
	RedirectURIs            []string `json:"redirect_uris,omitempty"`
	ResponseTypes           []string `json:"response_types,omitempty"`
	GrantTypes              []string `json:"grant_types,omitempty"`
	ApplicationType         string   `json:"application_type,omitempty"`
	ClientName              string   `json:"client_name,omitempty"`
	ClientURI               string   `json:"client_uri,omitempty"`
	LogoURI                 string   `json:"logo_uri,omitempty"`
	TOSURI                  string   `json:"tos_uri,omitempty"`
	PolicyURI               string   `json:"policy_uri,omitempty"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method,omitempty"`
}

// registrationResponse is RFC 7591 §3.2.1: the client_id and the metadata as
// registered, defaults filled in.
type registrationResponse struct {
	ClientID         string `json:"client_id"`
	ClientIDIssuedAt int64  `json:"client_id_issued_at"`
	clientMetadata
}

// register is the RFC 7591 registration endpoint: a JSON body in, 201 and a
// client_id out, or 400 with invalid_redirect_uri / invalid_client_metadata
// (§3.2.2) when the policy (policy.go) refuses it.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_client_metadata", "The registration request could not be read.")
		return
	}
	var m clientMetadata
	if err := json.Unmarshal(body, &m); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_client_metadata", "The registration request must be a JSON object of client metadata (RFC 7591).")
		return
	}
	if perr := checkClient(&m, s.strictPolicy()); perr != nil {
		oauthError(w, http.StatusBadRequest, perr.code, perr.description)
		return
	}
	c := &client{id: randomString(16), meta: m}
	s.mu.Lock()
	s.clients[c.id] = c
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, registrationResponse{ClientID: c.id, ClientIDIssuedAt: time.Now().Unix(), clientMetadata: m})
}

// client returns a registered client or nil.
func (s *Server) client(id string) *client {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clients[id]
}
