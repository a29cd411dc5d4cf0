package matrix

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"maunium.net/go/mautrix"
)

// registerBody is POST /register's body. The spec wants the same body (with
// a growing auth dict) resent at every UIA round.
type registerBody struct {
	Username                 string `json:"username,omitempty"`
	Password                 string `json:"password,omitempty"`
	InitialDeviceDisplayName string `json:"initial_device_display_name,omitempty"`
	// RefreshToken asks for a token to renew the session with (refresh.go).
	RefreshToken bool           `json:"refresh_token,omitempty"`
	Auth         map[string]any `json:"auth,omitempty"`
}

// postRegister sends one round. It returns the finished session, or the UIA
// state from a 401, or a classified error.
func postRegister(ctx context.Context, api *mautrix.Client, body registerBody) (*mautrix.RespRegister, *uiaResponse, error) {
	raw, err := api.MakeFullRequest(ctx, mautrix.FullRequest{
		Method:           http.MethodPost,
		URL:              api.BuildClientURL("v3", "register"),
		RequestJSON:      body,
		SensitiveContent: true,
	})
	if err != nil {
		var he mautrix.HTTPError
		if errors.As(err, &he) && he.IsStatus(http.StatusUnauthorized) {
			var uia uiaResponse
			if json.Unmarshal(raw, &uia) == nil && len(uia.Flows) > 0 {
				return nil, &uia, nil
			}
		}
		return nil, nil, classify(err, opRegister)
	}
	var resp mautrix.RespRegister
	if err := json.Unmarshal(raw, &resp); err != nil || resp.UserID == "" {
		return nil, nil, &Error{Kind: KindUnknown, Reason: ReasonNoUserID, Err: err}
	}
	return &resp, nil, nil
}
