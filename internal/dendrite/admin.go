package dendrite

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// RegisterUser creates an account through the shared-secret registration API
// (/_synapse/admin/v1/register, which Dendrite implements). Tests use it to
// make users without going through the code under test.
func (s *Server) RegisterUser(ctx context.Context, localpart, password string, admin bool) (userID, accessToken, deviceID string, err error) {
	var nonce struct {
		Nonce string `json:"nonce"`
	}
	if err := s.adminCall(ctx, http.MethodGet, nil, &nonce); err != nil {
		return "", "", "", err
	}
	mac := hmac.New(sha1.New, []byte(s.SharedSecret))
	role := "notadmin"
	if admin {
		role = "admin"
	}
	for i, part := range []string{nonce.Nonce, localpart, password, role} {
		if i > 0 {
			mac.Write([]byte{0})
		}
		mac.Write([]byte(part))
	}
	body := map[string]any{
		"nonce": nonce.Nonce, "username": localpart, "password": password,
		"admin": admin, "mac": hex.EncodeToString(mac.Sum(nil)),
	}
	var resp struct {
		UserID      string `json:"user_id"`
		AccessToken string `json:"access_token"`
		DeviceID    string `json:"device_id"`
	}
	if err := s.adminCall(ctx, http.MethodPost, body, &resp); err != nil {
		return "", "", "", err
	}
	return resp.UserID, resp.AccessToken, resp.DeviceID, nil
}

func (s *Server) adminCall(ctx context.Context, method string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.URL+"/_synapse/admin/v1/register", rd)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("dendrite: shared-secret register: %s: %s", resp.Status, b)
	}
	return json.Unmarshal(b, out)
}
