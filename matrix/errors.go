package matrix

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Kind names one way a Matrix operation can fail, in terms a reader can act
// on. The core says no sentence itself: app/live words an *Error from its
// Kind, its Reason and the data it carries, in the reader's language.
type Kind string

const (
	KindUnreachable        Kind = "unreachable"         // no answer from the address at all
	KindNotMatrix          Kind = "not_matrix"          // something answered, but not a Matrix server
	KindCORS               Kind = "cors"                // browser blocked the request (server sends no CORS headers)
	KindBadServerName      Kind = "bad_server_name"     // empty, garbage, ftp://, http:// on a public host
	KindBadWellKnown       Kind = "bad_well_known"      // .well-known present but broken
	KindUsernameTaken      Kind = "username_taken"      // M_USER_IN_USE
	KindInvalidUsername    Kind = "invalid_username"    // M_INVALID_USERNAME
	KindWeakPassword       Kind = "weak_password"       // M_WEAK_PASSWORD
	KindWrongPassword      Kind = "wrong_password"      // M_FORBIDDEN on /login
	KindRegistrationClosed Kind = "registration_closed" // M_FORBIDDEN / no flows on /register
	KindUnsupportedStage   Kind = "unsupported_stage"   // UIA stage we cannot do inline and has no fallback
	KindRateLimited        Kind = "rate_limited"        // M_LIMIT_EXCEEDED
	KindTokenExpired       Kind = "token_expired"       // M_UNKNOWN_TOKEN (soft or hard logout)
	KindRoomNotFound       Kind = "room_not_found"      // unknown alias / room
	KindNetworkDown        Kind = "network_down"        // the device is offline
	KindMessageTooLarge    Kind = "message_too_large"   // M_TOO_LARGE or over the event size limit
	KindEmptyMessage       Kind = "empty_message"       // nothing to send
	KindOAuthOnly          Kind = "oauth_only"          // server signs people up / in on its own page
	KindUnknown            Kind = "unknown"             // anything else; the wording still says what to try
)

// Reason tells apart the cases of one Kind that call for different words
// (a refused connection and a name that does not exist are both
// KindUnreachable). Empty means the Kind's general case. Each Reason is
// declared next to the code that finds it.
type Reason string

// Error is the one error type the core returns to its callers: what went
// wrong (Kind, Reason) and what the wording needs, with no words of its
// own. Fields a case does not use are zero.
type Error struct {
	Kind   Kind
	Reason Reason

	// Server is the server's name or host the case is about
	// ("example.org"), so the reader can spot a typo.
	Server string
	// Address is a web address the reader can open or should know: a
	// sign-up or terms page, where a .well-known file points.
	Address string
	// User is a Matrix user ID, or a username as typed.
	User string
	// Said is what the other side said, as it said it (an OAuth error
	// code or description), or what the reader typed that is wrong.
	Said string
	// Want is what to type instead ("alice" for "Alice"), or an example
	// of the right shape ("#room:example.org").
	Want string
	// Limit is a number the case has: the characters left for a name.
	Limit int
	// Stages are the sign-up stages the server asked for, for
	// KindUnsupportedStage.
	Stages []string
	// RetryAfter is set for KindRateLimited when the server said.
	RetryAfter time.Duration
	// SoftLogout: KindSoftLogout (and a locked account): signing in again
	// may keep the same device.
	SoftLogout bool

	// Err is the underlying cause, for logs and errors.Is (never stored:
	// an outbox keeps the rest, PendingMessage.Failure).
	Err error `json:"-"`
}

// Error is for logs and developers: the kind, the reason and the cause,
// not a sentence for a reader (app/live words those).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("matrix: ")
	b.WriteString(string(e.Kind))
	if e.Reason != "" {
		b.WriteString(" (" + string(e.Reason) + ")")
	}
	for _, f := range [...]struct{ name, value string }{
		{"server", e.Server}, {"address", e.Address}, {"user", e.User},
		{"said", e.Said}, {"want", e.Want},
	} {
		if f.value != "" {
			b.WriteString(" " + f.name + "=" + strconv.Quote(f.value))
		}
	}
	if e.Limit != 0 {
		b.WriteString(" limit=" + strconv.Itoa(e.Limit))
	}
	if len(e.Stages) > 0 {
		b.WriteString(" stages=" + strings.Join(e.Stages, ","))
	}
	if e.RetryAfter > 0 {
		b.WriteString(" retry_after=" + e.RetryAfter.String())
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the Kind of err, or "" when err is nil, or KindUnknown when
// it is not one of ours.
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindUnknown
}

// ReasonOf returns the Reason of err, "" when it has none or is not ours.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

// More ways to fail, added with classify (classify.go) so that every
// mautrix or network error the core sees has a Kind a reader can act on.
const (
	KindCanceled             Kind = "canceled"               // the caller cancelled the context; usually not shown
	KindServerError          Kind = "server_error"           // the server answered with its own failure (5xx, resource limits)
	KindForbidden            Kind = "forbidden"              // M_FORBIDDEN outside login/register: not allowed to do that
	KindNotFound             Kind = "not_found"              // M_NOT_FOUND for something that is not a room
	KindUnsupported          Kind = "unsupported"            // M_UNRECOGNIZED: the server lacks that feature
	KindAccountDisabled      Kind = "account_disabled"       // M_USER_SUSPENDED: the account exists but may not do that now
	KindRoomAliasTaken       Kind = "room_alias_taken"       // M_ROOM_IN_USE when creating a room with an address
	KindBadRequest           Kind = "bad_request"            // M_BAD_JSON, M_MISSING_PARAM...: a bug on our side
	KindTermsRequired        Kind = "terms_required"         // M_CONSENT_NOT_GIVEN: accept the server's terms first
	KindStorage              Kind = "storage"                // the session could not be saved or read back
	KindMissingPassword      Kind = "missing_password"       // an empty password field
	KindBadRegistrationToken Kind = "bad_registration_token" // the invitation code (registration token) was refused
)

// Ways a session ends that the reader can tell apart (sessions on Synapse,
// refresh.go). Each stops the session's requests; messages not yet sent stay
// in the outbox as pending, so they go out once the reader is back.
const (
	// KindSoftLogout: the server ended the session but keeps its device
	// (M_UNKNOWN_TOKEN with soft_logout, and no refresh token could renew
	// it). Signing in again with the password, as the same DeviceID,
	// carries on where the reader left off.
	KindSoftLogout Kind = "soft_logout"
	// KindAccountLocked: M_USER_LOCKED, the server's administrators locked
	// the account; only they can unlock it.
	KindAccountLocked Kind = "account_locked"
	// KindAccountDeactivated: M_USER_DEACTIVATED, the account was closed for
	// good (also what a sign-in to a closed account gets).
	KindAccountDeactivated Kind = "account_deactivated"
)

// SessionEnded reports the kinds after which a session's token is of no more
// use: the widget says why and shows the sign-in form (the outbox stays).
func SessionEnded(k Kind) bool {
	switch k {
	case KindTokenExpired, KindSoftLogout, KindAccountLocked, KindAccountDeactivated:
		return true
	}
	return false
}

// Ways an OAuth 2.0 sign-in (oauth_*.go) fails, each worded with a way back (the sign-in button again, or another app or server).
const (
	// KindOAuthCancelled: the reader cancelled on the server's page
	// (error=access_denied on the way back).
	KindOAuthCancelled Kind = "oauth_cancelled"
	// KindOAuthStateMismatch: the way back carried a state this browser did
	// not send (a stale tab, a forged link); nothing was used.
	KindOAuthStateMismatch Kind = "oauth_state_mismatch"
	// KindOAuthClientRefused: the authorization server refused to register
	// the guide as a client.
	KindOAuthClientRefused Kind = "oauth_client_refused"
	// KindOAuthInsecurePage: it refused because the guide runs on plain
	// http (a local copy); https works.
	KindOAuthInsecurePage Kind = "oauth_insecure_page"
	// KindOAuthCodeRefused: the one-time code was expired, already used or
	// not for this page (invalid_grant).
	KindOAuthCodeRefused Kind = "oauth_code_refused"
	// KindOAuthUnreachable: the authorization server did not answer.
	KindOAuthUnreachable Kind = "oauth_unreachable"
	// KindOAuthRefused: any other error the server's page sent back.
	KindOAuthRefused Kind = "oauth_refused"
)
