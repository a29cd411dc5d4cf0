package hsharness

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

// RegisterPath is Synapse's shared-secret registration API, which Dendrite
// implements too.
const RegisterPath = "/_synapse/admin/v1/register"

// RegisterUser creates an account on the server at baseURL through the
// shared-secret registration API: it fetches a nonce, then posts the fields
// with an HMAC-SHA1 of nonce, name, password and role keyed by the server's
// registration_shared_secret. Tests use it to make users without going
// through the code under test; it works whatever sign-up flows the server
// offers. kind ("synapse", "dendrite") starts the error sentences.
func RegisterUser(ctx context.Context, kind, baseURL, sharedSecret, localpart, password string, admin bool) (userID, accessToken, deviceID string, err error) {
	var nonce struct {
		Nonce string `json:"nonce"`
	}
	if err := CallJSON(ctx, kind, baseURL, http.MethodGet, RegisterPath, "", nil, &nonce); err != nil {
		return "", "", "", err
	}
	mac := hmac.New(sha1.New, []byte(sharedSecret))
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
	if err := CallJSON(ctx, kind, baseURL, http.MethodPost, RegisterPath, "", body, &resp); err != nil {
		return "", "", "", err
	}
	return resp.UserID, resp.AccessToken, resp.DeviceID, nil
}

// CallJSON sends one JSON request (body may be nil; token, if any, as a
// bearer) to baseURL+path and decodes a 200 answer into out. Any other status
// is an error naming the request and quoting the server's answer.
func CallJSON(ctx context.Context, kind, baseURL, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, baseURL+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s %s: %s: %s", kind, method, path, resp.Status, b)
	}
	return json.Unmarshal(b, out)
}
