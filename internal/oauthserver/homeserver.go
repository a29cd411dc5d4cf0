package oauthserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// The homeserver side of MAS: Synapse's /_synapse/mas/ API, called with the
// shared secret as a bearer token (synapse/rest/synapse/mas/, Synapse
// 1.163.2). Synapse creates no user or device on its own when
// introspection names one it does not know: it answers 500 "User not
// found" or treats the token as inactive (synapse/api/auth/mas.py), so both
// are provisioned before any token is issued.

var errNoHomeserver = errors.New("oauthserver: no homeserver set (SetHomeserver)")

// masCall sends one request and returns the status and Synapse's errcode
// (from a JSON error body), or an error if Synapse could not be reached.
func (s *Server) masCall(ctx context.Context, method, path string, query url.Values, body any) (int, string, error) {
	s.mu.Lock()
	base := s.homeURL
	s.mu.Unlock()
	if base == "" {
		return 0, "", errNoHomeserver
	}
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	u := base + "/_synapse/mas/" + path
	if query != nil {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+s.Secret)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var e struct {
		Errcode string `json:"errcode"`
		Error   string `json:"error"`
	}
	json.Unmarshal(b, &e)
	if resp.StatusCode >= 300 && e.Errcode == "" {
		return resp.StatusCode, "", fmt.Errorf("oauthserver: %s %s: %s: %s", method, path, resp.Status, b)
	}
	return resp.StatusCode, e.Errcode, nil
}

// expect turns a call's outcome into an error unless the status is one of ok.
func expect(status int, errcode string, err error, what string, ok ...int) error {
	if err != nil {
		return err
	}
	for _, o := range ok {
		if status == o {
			return nil
		}
	}
	return fmt.Errorf("oauthserver: %s: Synapse answered %d %s", what, status, errcode)
}

// provisionUser creates the Matrix account (201) or confirms it (200):
// POST provision_user {"localpart"}.
func (s *Server) provisionUser(ctx context.Context, localpart string) error {
	st, ec, err := s.masCall(ctx, http.MethodPost, "provision_user", nil, map[string]any{"localpart": localpart})
	return expect(st, ec, err, "provision_user", http.StatusCreated, http.StatusOK)
}

// upsertDevice creates the device (201) or confirms it (200):
// POST upsert_device {"localpart", "device_id", "display_name"}.
func (s *Server) upsertDevice(ctx context.Context, localpart, deviceID, displayName string) error {
	body := map[string]any{"localpart": localpart, "device_id": deviceID}
	if displayName != "" {
		body["display_name"] = displayName
	}
	st, ec, err := s.masCall(ctx, http.MethodPost, "upsert_device", nil, body)
	return expect(st, ec, err, "upsert_device", http.StatusCreated, http.StatusOK)
}

// deleteDevice removes the device and with it every access token Synapse
// still has cached for it: Synapse checks the device on each request
// (synapse/api/auth/mas.py). POST delete_device answers 204.
func (s *Server) deleteDevice(ctx context.Context, localpart, deviceID string) error {
	st, ec, err := s.masCall(ctx, http.MethodPost, "delete_device", nil, map[string]any{"localpart": localpart, "device_id": deviceID})
	return expect(st, ec, err, "delete_device", http.StatusNoContent, http.StatusOK)
}

// localpartAvailable asks Synapse (GET is_localpart_available, which runs
// its registration check_username) and returns a form status and sentence
// when the name cannot be had, "" when it can.
func (s *Server) localpartAvailable(ctx context.Context, localpart string) (int, string) {
	st, ec, err := s.masCall(ctx, http.MethodGet, "is_localpart_available", url.Values{"localpart": {localpart}}, nil)
	switch {
	case err != nil:
		return http.StatusBadGateway, homeserverDown
	case st == http.StatusOK:
		return 0, ""
	case ec == "M_USER_IN_USE":
		return http.StatusConflict, takenSentence(localpart)
	case ec == "M_EXCLUSIVE":
		return http.StatusConflict, fmt.Sprintf("The username %s is reserved on this server. Choose another one.", localpart)
	case ec == "M_INVALID_USERNAME":
		return http.StatusBadRequest, "The homeserver does not accept that username. Use lowercase letters, digits and . _ = - / + and do not start with an underscore."
	}
	return http.StatusBadGateway, homeserverDown
}
