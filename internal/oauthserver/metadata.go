package oauthserver

import "net/http"

// metadata is the RFC 8414 server metadata, at both well-known paths. The
// fields are those the Matrix spec's client needs
// (data/api/client-server/oauth_server_metadata.yaml) and those Synapse
// reads (issuer, account_management_uri: synapse/api/auth/mas.py
// ServerMetadata); Synapse serves the whole document again as
// /_matrix/client/v1/auth_metadata.
func (s *Server) metadata(w http.ResponseWriter, r *http.Request) {
	m := map[string]any{
		"issuer":                                     s.URL,
		"authorization_endpoint":                     s.endpoint(pathAuthorize),
		"token_endpoint":                             s.endpoint(pathToken),
		"registration_endpoint":                      s.endpoint(pathRegistration),
		"revocation_endpoint":                        s.endpoint(pathRevoke),
		"introspection_endpoint":                     s.endpoint(pathIntrospect),
		"account_management_uri":                     s.endpoint(pathAccount),
		"response_types_supported":                   []string{"code"},
		"response_modes_supported":                   []string{"query", "fragment"},
		"grant_types_supported":                      []string{"authorization_code", "refresh_token"},
		"code_challenge_methods_supported":           []string{"S256"},
		"token_endpoint_auth_methods_supported":      []string{"none"},
		"revocation_endpoint_auth_methods_supported": []string{"none"},
		"scopes_supported":                           []string{"openid", "email", scopeAPI, scopeDevicePrefix + "*"},
	}
	if !s.opts.RegistrationDisabled {
		m["prompt_values_supported"] = []string{"create"}
	}
	writeJSON(w, http.StatusOK, m)
}
