package synapse

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"hellomatrix/internal/hsharness"
)

// RegisterUser creates an account through the shared-secret registration API
// (/_synapse/admin/v1/register with an HMAC of the nonce and the fields), as
// internal/dendrite's does. Tests use it to make users without going through
// the code under test; it works whatever sign-up flows the scenario has.
func (s *Server) RegisterUser(ctx context.Context, localpart, password string, admin bool) (userID, accessToken, deviceID string, err error) {
	return hsharness.RegisterUser(ctx, "synapse", s.URL, s.SharedSecret, localpart, password, admin)
}

// AdminToken returns the access token of a server admin, made on first use
// through RegisterUser, for the admin API.
func (s *Server) AdminToken(ctx context.Context) (string, error) {
	s.adminMu.Lock()
	defer s.adminMu.Unlock()
	if s.adminToken != "" {
		return s.adminToken, nil
	}
	_, tok, _, err := s.RegisterUser(ctx, "harness_admin", hsharness.RandomHex(16), true)
	if err != nil {
		return "", err
	}
	s.adminToken = tok
	return tok, nil
}

// RegistrationToken describes a sign-up token for a server with
// RegistrationRequiresToken.
type RegistrationToken struct {
	Token       string    // "" lets Synapse pick one
	UsesAllowed int       // 0 means unlimited
	Expiry      time.Time // zero means never
}

// CreateRegistrationToken makes a sign-up token with the admin API
// (POST /_synapse/admin/v1/registration_tokens/new) and returns it.
func (s *Server) CreateRegistrationToken(ctx context.Context, t RegistrationToken) (string, error) {
	admin, err := s.AdminToken(ctx)
	if err != nil {
		return "", err
	}
	body := map[string]any{}
	if t.Token != "" {
		body["token"] = t.Token
	}
	if t.UsesAllowed > 0 {
		body["uses_allowed"] = t.UsesAllowed
	}
	if !t.Expiry.IsZero() {
		body["expiry_time"] = t.Expiry.UnixMilli()
	}
	var resp struct {
		Token string `json:"token"`
	}
	if err := s.call(ctx, http.MethodPost, "/_synapse/admin/v1/registration_tokens/new", admin, body, &resp); err != nil {
		return "", err
	}
	return resp.Token, nil
}

// call sends one JSON request to the server and decodes a 200 answer.
func (s *Server) call(ctx context.Context, method, path, token string, body, out any) error {
	return hsharness.CallJSON(ctx, "synapse", s.URL, method, path, token, body, out)
}

// LockUser locks or unlocks an account with the admin API
// (PUT /_synapse/admin/v2/users/<id> {"locked": ...}): a locked account's
// requests get 401 M_USER_LOCKED until it is unlocked.
func (s *Server) LockUser(ctx context.Context, userID string, locked bool) error {
	admin, err := s.AdminToken(ctx)
	if err != nil {
		return err
	}
	var out map[string]any
	return s.call(ctx, http.MethodPut, "/_synapse/admin/v2/users/"+url.PathEscape(userID), admin, map[string]any{"locked": locked}, &out)
}

// DeactivateUser closes an account for good with the admin API
// (POST /_synapse/admin/v1/deactivate/<id>): its tokens are deleted and a
// sign-in gets 403 M_USER_DEACTIVATED.
func (s *Server) DeactivateUser(ctx context.Context, userID string) error {
	admin, err := s.AdminToken(ctx)
	if err != nil {
		return err
	}
	var out map[string]any
	return s.call(ctx, http.MethodPost, "/_synapse/admin/v1/deactivate/"+url.PathEscape(userID), admin, map[string]any{"erase": false}, &out)
}

// EventReport is one entry of the admin API's list of reported events.
type EventReport struct {
	EventID string `json:"event_id"`
	RoomID  string `json:"room_id"`
	UserID  string `json:"user_id"` // who reported it
	Sender  string `json:"sender"`  // who wrote it
	Reason  string `json:"reason"`
}

// EventReports lists the newest hundred reports people made about messages
// (GET /_synapse/admin/v1/event_reports), newest first.
func (s *Server) EventReports(ctx context.Context) ([]EventReport, error) {
	admin, err := s.AdminToken(ctx)
	if err != nil {
		return nil, err
	}
	var resp struct {
		Reports []EventReport `json:"event_reports"`
	}
	err = s.call(ctx, http.MethodGet, "/_synapse/admin/v1/event_reports?limit=100&dir=b", admin, nil, &resp)
	return resp.Reports, err
}
