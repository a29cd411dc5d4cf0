//go:build !js

package matrix

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"

	"maunium.net/go/mautrix"
)

// The real servers in auth_test.go, discovery_test.go and refresh_test.go
// produce every error they can. This table covers the mapping itself for
// answers neither gives here (other servers' codes, per-operation wording,
// browser fetch failures), built from the same mautrix error values the
// client returns, so the widget and the rooms code can rely on them.
func TestClassifyTable(t *testing.T) {
	resp := func(status int, header ...string) *http.Response {
		h := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		req, _ := http.NewRequest(http.MethodGet, "https://matrix.example.org/_matrix/client/v3/x", nil)
		return &http.Response{StatusCode: status, Header: h, Request: req}
	}
	matrixErr := func(status int, code string, extra map[string]any, header ...string) error {
		r := resp(status, header...)
		return mautrix.HTTPError{Request: r.Request, Response: r, RespError: &mautrix.RespError{ErrCode: code, Err: "server text", StatusCode: status, ExtraData: extra}}
	}
	netErr := func(err error) error {
		req, _ := http.NewRequest(http.MethodGet, "https://matrix.example.org/_matrix/client/versions", nil)
		return mautrix.HTTPError{Request: req, Message: "request error", WrappedError: &url.Error{Op: "Get", URL: req.URL.String(), Err: err}}
	}
	cases := []struct {
		name  string
		err   error
		op    string
		kind  Kind
		check func(t *testing.T, e *Error)
	}{
		{"retry-after header", matrixErr(429, "M_LIMIT_EXCEEDED", nil, "Retry-After", "7"), opSend, KindRateLimited, func(t *testing.T, e *Error) {
			if e.RetryAfter != 7*time.Second {
				t.Errorf("RetryAfter = %v", e.RetryAfter)
			}
		}},
		{"retry_after_ms", matrixErr(429, "M_LIMIT_EXCEEDED", map[string]any{"retry_after_ms": 1500.0}), opLogin, KindRateLimited, func(t *testing.T, e *Error) {
			if e.RetryAfter != 1500*time.Millisecond {
				t.Errorf("RetryAfter = %v", e.RetryAfter)
			}
		}},
		{"rate limited no hint", matrixErr(429, "M_LIMIT_EXCEEDED", nil), opSync, KindRateLimited, nil},
		{"bare 429 with minutes", mautrix.HTTPError{Response: resp(429, "Retry-After", "300")}, opSync, KindRateLimited, func(t *testing.T, e *Error) {
			if e.RetryAfter != 5*time.Minute {
				t.Errorf("RetryAfter = %v", e.RetryAfter)
			}
		}},
		{"soft logout", matrixErr(401, "M_UNKNOWN_TOKEN", map[string]any{"soft_logout": true}), opSync, KindSoftLogout, func(t *testing.T, e *Error) {
			if !e.SoftLogout {
				t.Error("SoftLogout not set")
			}
		}},
		{"missing token", matrixErr(401, "M_MISSING_TOKEN", nil), opSync, KindTokenExpired, nil},
		{"forbidden login", matrixErr(403, "M_FORBIDDEN", nil), opLogin, KindWrongPassword, nil},
		{"forbidden register", matrixErr(403, "M_FORBIDDEN", nil), opRegister, KindRegistrationClosed, nil},
		{"forbidden join", matrixErr(403, "M_FORBIDDEN", nil), opJoin, KindForbidden, nil},
		{"forbidden send", matrixErr(403, "M_FORBIDDEN", nil), opSend, KindForbidden, nil},
		{"not found join", matrixErr(404, "M_NOT_FOUND", nil), opJoin, KindRoomNotFound, nil},
		{"not found alias", matrixErr(404, "M_NOT_FOUND", nil), opResolveAlias, KindRoomNotFound, nil},
		{"not found other", matrixErr(404, "M_NOT_FOUND", nil), "profile", KindNotFound, nil},
		{"unrecognized", matrixErr(404, "M_UNRECOGNIZED", nil), "profile", KindUnsupported, nil},
		{"too large", matrixErr(413, "M_TOO_LARGE", nil), opSend, KindMessageTooLarge, nil},
		// M_USER_DEACTIVATED answers a sign-in with a login token (single
		// sign-on) to a closed account; a password sign-in meets the erased
		// password first (TestLockedAndClosedAccounts), so no test here
		// produces it on a real server.
		{"deactivated", matrixErr(403, "M_USER_DEACTIVATED", nil), opLogin, KindAccountDeactivated, nil},
		{"locked", matrixErr(401, "M_USER_LOCKED", map[string]any{"soft_logout": true}), opSync, KindAccountLocked, nil},
		{"suspended", matrixErr(403, "M_USER_SUSPENDED", nil), opSend, KindAccountDisabled, nil},
		{"exclusive", matrixErr(400, "M_EXCLUSIVE", nil), opRegister, KindInvalidUsername, nil},
		{"password policy", matrixErr(400, "M_PASSWORD_NO_DIGIT", nil), opRegister, KindWeakPassword, nil},
		{"consent", matrixErr(403, "M_CONSENT_NOT_GIVEN", map[string]any{"consent_uri": "https://example.org/consent"}), opSend, KindTermsRequired, nil},
		{"room in use", matrixErr(400, "M_ROOM_IN_USE", nil), opCreateRoom, KindRoomAliasTaken, nil},
		{"resource limit", matrixErr(403, "M_RESOURCE_LIMIT_EXCEEDED", nil), opSend, KindServerError, nil},
		{"bad json", matrixErr(400, "M_BAD_JSON", nil), opSend, KindBadRequest, nil},
		{"unknown 500", matrixErr(500, "M_UNKNOWN", nil), opSync, KindServerError, nil},
		{"unknown code 400", matrixErr(400, "ORG_EXAMPLE_WHATEVER", nil), opSync, KindUnknown, nil},
		{"bad gateway", mautrix.HTTPError{Response: resp(502)}, opSync, KindServerError, nil},
		{"bare 404 discover", mautrix.HTTPError{Response: resp(404)}, opDiscover, KindNotMatrix, nil},
		{"bare 404 join", mautrix.HTTPError{Response: resp(404)}, opJoin, KindRoomNotFound, nil},
		{"canceled", fmt.Errorf("wrapped: %w", context.Canceled), opSync, KindCanceled, nil},
		{"deadline", netErr(context.DeadlineExceeded), opSync, KindUnreachable, nil},
		{"refused", netErr(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), opDiscover, KindUnreachable, nil},
		{"no network", netErr(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}), opSync, KindNetworkDown, nil},
		{"dns not found", netErr(&net.DNSError{Err: "no such host", Name: "matrix.example.org", IsNotFound: true}), opDiscover, KindUnreachable, nil},
		{"dns unavailable", netErr(&net.DNSError{Err: "server misbehaving", Name: "matrix.example.org", IsTemporary: true}), opSync, KindNetworkDown, nil},
		{"browser fetch failure", netErr(errors.New("net/http: fetch() failed: TypeError: Failed to fetch")), opSync, KindUnreachable, nil},
		{"no homeserver", mautrix.ErrClientHasNoHomeserver, opSync, KindBadServerName, nil},
		{"anything else", errors.New("boom"), opSync, KindUnknown, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := classify(tc.err, tc.op)
			e := assertKind(t, got, tc.kind)
			if !errors.Is(got, tc.err) && !errors.Is(e.Err, tc.err) {
				t.Errorf("cause not kept: %v", e.Err)
			}
			if tc.check != nil {
				tc.check(t, e)
			}
		})
	}
	if classify(nil, opSync) != nil {
		t.Error("classify(nil) != nil")
	}
	ours := &Error{Kind: KindEmptyMessage}
	if classify(ours, opSend) != ours {
		t.Error("classify changed an *Error")
	}
}
