package matrix

import (
	"context"
	"net/http"
	"strings"

	"maunium.net/go/mautrix"
)

// CheckRegistrationToken asks srv whether it would take code as an
// invitation code now, before the sign-up is sent (GET
// /_matrix/client/v1/register/m.login.registration_token/validity, spec
// v1.2), so a mistyped or used-up code is known as soon as the reader
// leaves the field. The check reserves nothing: the code can still run out
// before Register.
//
// nil means the code looks good, or the server could not say (no such
// endpoint, rate limited, offline): Register then gives the server's
// verdict. Only KindBadRegistrationToken ({"valid": false}) comes back.
func CheckRegistrationToken(ctx context.Context, srv *Server, code string) error {
	code = strings.TrimSpace(code)
	if srv == nil || code == "" {
		return nil
	}
	api, err := newAPI(srv.BaseURL)
	if err != nil {
		return nil
	}
	var resp struct {
		Valid *bool `json:"valid"`
	}
	u := api.BuildURLWithQuery(mautrix.ClientURLPath{"v1", "register", stageToken, "validity"}, map[string]string{"token": code})
	if _, err := api.MakeRequest(ctx, http.MethodGet, u, nil, &resp); err != nil || resp.Valid == nil || *resp.Valid {
		return nil
	}
	return &Error{Kind: KindBadRegistrationToken}
}
