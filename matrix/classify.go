package matrix

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"maunium.net/go/mautrix"
)

// Operation names understood by classify. The same server answer means
// different things depending on what we asked: M_FORBIDDEN on /login is a
// wrong password, on /register it means sign-ups are closed, on /join the
// room is invite-only. Pass the closest one; an unknown op gets the general
// case, which is still worded correctly.
const (
	opDiscover     = "discover"      // server discovery: .well-known, /versions, probes
	opLogin        = "login"         // POST /login
	opRegister     = "register"      // POST /register and its UIA rounds
	opLogout       = "logout"        // POST /logout
	opWhoAmI       = "whoami"        // GET /account/whoami
	opRefresh      = "refresh"       // POST /refresh
	opOAuth        = "oauth"         // the authorization server: registration, token, revocation
	opJoin         = "join"          // POST /join/{roomIdOrAlias}
	opResolveAlias = "resolve_alias" // GET /directory/room/{alias}
	opLeave        = "leave"         // POST /rooms/{id}/leave
	opSend         = "send"          // PUT /rooms/{id}/send/...
	opSync         = "sync"          // GET /sync
	opCreateRoom   = "create_room"   // POST /createRoom
	opMessages     = "messages"      // GET /rooms/{id}/messages (history)
	opRoom         = "room"          // any other request about one room (state, members...)
)

// roomOps are the operations where "not found" means "no such room".
var roomOps = map[string]bool{
	opJoin: true, opResolveAlias: true, opLeave: true, opSend: true,
	opMessages: true, opRoom: true,
}

// classify turns any error from mautrix, net/http or the network into an
// *Error whose Kind and Reason say what a beginner can act on. op names what was being done
// (see the op constants above; "join", "send", "sync"... as plain strings are
// fine). It returns nil for nil and leaves an *Error untouched, so it is safe
// to call twice. Every exported function of this package returns its errors
// through classify; the rooms/sync code does the same.
func classify(err error, op string) error {
	if err == nil {
		return nil
	}
	var ours *Error
	if errors.As(err, &ours) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return &Error{Kind: KindCanceled, Err: err}
	}

	var he mautrix.HTTPError
	if errors.As(err, &he) {
		switch {
		case he.RespError != nil:
			return classifyResp(he.RespError, he.Response, op, err)
		case bodyCutOff(he):
			return classifyNetwork(he.WrappedError, hostOf(he.Request), err)
		case he.Response != nil && he.Response.StatusCode >= 200 && he.Response.StatusCode < 300:
			// A success status whose body mautrix could not read as the
			// expected JSON: typically an HTML page served at a Matrix path.
			return notMatrix(hostOf(he.Request), err)
		case he.Response != nil:
			return classifyStatus(he.Response, op, err)
		case he.WrappedError != nil:
			return classifyNetwork(he.WrappedError, hostOf(he.Request), err)
		}
	}
	var re mautrix.RespError
	if errors.As(err, &re) {
		return classifyResp(&re, nil, op, err)
	}
	var rep *mautrix.RespError
	if errors.As(err, &rep) {
		return classifyResp(rep, nil, op, err)
	}
	if errors.Is(err, mautrix.ErrClientHasNoHomeserver) {
		return &Error{Kind: KindBadServerName, Reason: ReasonNoServerAddress, Err: err}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		host := ""
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
		return classifyNetwork(ue.Err, host, err)
	}
	if isNetworkError(err) {
		return classifyNetwork(err, "", err)
	}
	return &Error{Kind: KindUnknown, Err: err}
}

// hostOf names the server for the wording (Error.Server: "Could not reach
// example.org.") so the reader can spot a typo.
func hostOf(req *http.Request) string {
	if req == nil || req.URL == nil {
		return ""
	}
	return req.URL.Host
}

func notMatrix(host string, err error) *Error {
	return &Error{Kind: KindNotMatrix, Server: host, Err: err}
}

// bodyCutOff reports an answer whose status line and headers arrived but
// whose body broke off: the connection was lost mid-download. That says
// nothing about the server (unlike a body that arrived whole and is not
// the JSON we expected, which means "not a Matrix server"), so it is a
// network failure, worth retrying; for a send the server may well have
// stored the event, which the retry's transaction ID takes care of.
// mautrix reports every read failure with this Message, whatever the
// platform's error (the browser's fetch gives only a bare sentence), and
// the size limits with other errors.
func bodyCutOff(he mautrix.HTTPError) bool {
	return he.Response != nil && he.RespError == nil && he.WrappedError != nil &&
		he.Message == "failed to read response body" &&
		!errors.Is(he.WrappedError, mautrix.ErrBodyReadReachedLimit) &&
		!errors.Is(he.WrappedError, mautrix.ErrResponseTooLong)
}

// isNetworkError reports errors that come from below HTTP: connection
// refused, DNS, TLS, resets, timeouts, and the browser's fetch failures.
func isNetworkError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.As(err, &de) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded) ||
		isFetchFailure(err)
}

// isFetchFailure recognises the browser's network-level fetch failure. Go's
// fetch (fetch_js.go) reports it as "fetch() failed: TypeError: ..."
// and the TypeError text differs per browser: Chrome "Failed to fetch",
// Firefox "NetworkError when attempting to fetch resource.", Safari "Load
// failed". The browser deliberately hides why (CORS refusal, DNS, refused
// connection, certificate error all look the same to the page).
func isFetchFailure(err error) bool {
	s := err.Error()
	return strings.Contains(s, "fetch() failed") || strings.Contains(s, "Failed to fetch") ||
		strings.Contains(s, "NetworkError when attempting to fetch") || strings.Contains(s, "Load failed")
}

// Why no answer came (KindUnreachable unless noted), as far as the reader
// can do something about it.
const (
	ReasonFetchFailed     Reason = "fetch_failed"      // the browser's fetch failed and will not say why
	ReasonNoSuchHost      Reason = "no_such_host"      // the name does not exist in DNS
	ReasonLookupFailed    Reason = "lookup_failed"     // KindNetworkDown: the name could not be looked up at all
	ReasonRefused         Reason = "refused"           // connection refused
	ReasonNoTLS           Reason = "no_tls"            // plain HTTP answered on an https address
	ReasonBadCertificate  Reason = "bad_certificate"   // unknown authority, wrong name, expired...
	ReasonTimeout         Reason = "timeout"           // no answer in time
	ReasonCutOff          Reason = "cut_off"           // the connection broke off
	ReasonNoServerAddress Reason = "no_server_address" // KindBadServerName: the client has no server set
)

// classifyNetwork handles failures where no HTTP answer arrived at all.
func classifyNetwork(cause error, host string, orig error) *Error {
	unreachable := func(why Reason) *Error {
		return &Error{Kind: KindUnreachable, Reason: why, Server: host, Err: orig}
	}
	offline := &Error{Kind: KindNetworkDown, Err: orig}

	if isFetchFailure(cause) {
		if browserOffline() {
			return offline
		}
		// In the browser a refused connection and a server that does not
		// allow web apps (no CORS headers) are indistinguishable here;
		// Discover probes further (see probeCORS) and may return KindCORS.
		return unreachable(ReasonFetchFailed)
	}
	if errors.Is(cause, syscall.ENETUNREACH) || errors.Is(cause, syscall.ENETDOWN) {
		return offline
	}
	var de *net.DNSError
	if errors.As(cause, &de) {
		if de.IsNotFound {
			return unreachable(ReasonNoSuchHost)
		}
		// The name could not be looked up at all (not "does not exist"):
		// most often there is no working network.
		return &Error{Kind: KindNetworkDown, Reason: ReasonLookupFailed, Server: host, Err: orig}
	}
	if errors.Is(cause, syscall.ECONNREFUSED) {
		return unreachable(ReasonRefused)
	}
	switch tlsProblemOf(cause) {
	case tlsNotOffered:
		return unreachable(ReasonNoTLS)
	case tlsBadCertificate:
		return unreachable(ReasonBadCertificate)
	}
	var ne net.Error
	if errors.Is(cause, context.DeadlineExceeded) || (errors.As(cause, &ne) && ne.Timeout()) {
		return unreachable(ReasonTimeout)
	}
	if errors.Is(cause, syscall.ECONNRESET) || errors.Is(cause, io.EOF) || errors.Is(cause, io.ErrUnexpectedEOF) {
		return unreachable(ReasonCutOff)
	}
	return unreachable("")
}

// classifyStatus handles HTTP answers without a Matrix error code: the
// answer came from something that is not (or not only) a Matrix server,
// such as a reverse proxy or a plain web server.
func classifyStatus(res *http.Response, op string, orig error) *Error {
	host := hostOf(res.Request)
	switch code := res.StatusCode; {
	case code == http.StatusTooManyRequests:
		return rateLimited(res, nil, orig)
	case code == http.StatusRequestEntityTooLarge:
		return &Error{Kind: KindMessageTooLarge, Reason: ReasonTooLargeStatus, Err: orig}
	case code == http.StatusUnauthorized:
		return &Error{Kind: KindTokenExpired, Reason: ReasonUnauthorized, Err: orig}
	case code == http.StatusNotFound || code == http.StatusMethodNotAllowed:
		switch op {
		case opDiscover, opLogin, opRegister, opLogout, opWhoAmI, opSync:
			// These endpoints exist on every Matrix server.
			return notMatrix(host, orig)
		}
		if roomOps[op] {
			return &Error{Kind: KindRoomNotFound, Reason: ReasonNoRoomStatus, Err: orig}
		}
		return &Error{Kind: KindUnsupported, Err: orig}
	case code == http.StatusForbidden:
		return forbidden(op, nil, orig)
	case code >= 500:
		return &Error{Kind: KindServerError, Reason: ReasonServerTrouble, Server: host, Err: orig}
	}
	if op == opDiscover {
		return notMatrix(host, orig)
	}
	return &Error{Kind: KindUnknown, Reason: ReasonUnexpectedAnswer, Err: orig}
}

// The cases of a Kind that a server's answer tells apart (classifyStatus,
// classifyResp).
const (
	ReasonTooLargeStatus   Reason = "too_large_status"   // KindMessageTooLarge: HTTP 413, whatever was sent
	ReasonUnauthorized     Reason = "unauthorized"       // KindTokenExpired: a bare 401
	ReasonMissingToken     Reason = "missing_token"      // KindTokenExpired: M_MISSING_TOKEN, never signed in
	ReasonNoRoomStatus     Reason = "no_room_status"     // KindRoomNotFound: a bare 404 for a room
	ReasonServerTrouble    Reason = "server_trouble"     // KindServerError: a 5xx from something in front of the server
	ReasonResourceLimit    Reason = "resource_limit"     // KindServerError: M_RESOURCE_LIMIT_EXCEEDED
	ReasonUnexpectedAnswer Reason = "unexpected_answer"  // KindUnknown: an answer with no error code we know
	ReasonUnknownCode      Reason = "unknown_code"       // KindUnknown: an error code we do not know
	ReasonReserved         Reason = "reserved"           // KindInvalidUsername: M_EXCLUSIVE
	ReasonPasswordTooShort Reason = "password_too_short" // KindWeakPassword: M_PASSWORD_TOO_SHORT, and the next ones
	ReasonPasswordNoDigit  Reason = "password_no_digit"
	ReasonPasswordNoUpper  Reason = "password_no_upper"
	ReasonPasswordNoLower  Reason = "password_no_lower"
	ReasonPasswordNoSymbol Reason = "password_no_symbol"
	ReasonPasswordCommon   Reason = "password_common"
	ReasonTermsAt          Reason = "terms_at"         // KindTermsRequired: with the page to accept them (Address)
	ReasonGuestsForbidden  Reason = "guests_forbidden" // KindForbidden: M_GUEST_ACCESS_FORBIDDEN
	ReasonRoomVersion      Reason = "room_version"     // KindUnsupported: the room's version
	ReasonCaptchaRefused   Reason = "captcha_refused"  // KindUnsupportedStage: M_CAPTCHA_INVALID or _NEEDED
)

// classifyResp maps a standard Matrix error (errcode) to a Kind and a
// Reason. res may be nil when only the RespError is known.
func classifyResp(re *mautrix.RespError, res *http.Response, op string, orig error) *Error {
	e := func(k Kind, why Reason) *Error { return &Error{Kind: k, Reason: why, Err: orig} }
	switch re.ErrCode {
	case "M_LIMIT_EXCEEDED":
		return rateLimited(res, re, orig)
	case "M_UNKNOWN_TOKEN":
		if soft, _ := re.ExtraData["soft_logout"].(bool); soft {
			return softLogout(orig)
		}
		return e(KindTokenExpired, "")
	case "M_MISSING_TOKEN":
		return e(KindTokenExpired, ReasonMissingToken)
	case "M_FORBIDDEN":
		return forbidden(op, re, orig)
	case "M_USER_IN_USE":
		return e(KindUsernameTaken, "")
	case "M_INVALID_USERNAME":
		return e(KindInvalidUsername, "")
	case "M_EXCLUSIVE":
		return e(KindInvalidUsername, ReasonReserved)
	case "M_WEAK_PASSWORD":
		return e(KindWeakPassword, "")
	case "M_PASSWORD_TOO_SHORT":
		return e(KindWeakPassword, ReasonPasswordTooShort)
	case "M_PASSWORD_NO_DIGIT":
		return e(KindWeakPassword, ReasonPasswordNoDigit)
	case "M_PASSWORD_NO_UPPERCASE":
		return e(KindWeakPassword, ReasonPasswordNoUpper)
	case "M_PASSWORD_NO_LOWERCASE":
		return e(KindWeakPassword, ReasonPasswordNoLower)
	case "M_PASSWORD_NO_SYMBOL":
		return e(KindWeakPassword, ReasonPasswordNoSymbol)
	case "M_PASSWORD_IN_DICTIONARY":
		return e(KindWeakPassword, ReasonPasswordCommon)
	case "M_USER_DEACTIVATED":
		return e(KindAccountDeactivated, "")
	case "M_USER_LOCKED":
		out := e(KindAccountLocked, "")
		out.SoftLogout, _ = re.ExtraData["soft_logout"].(bool)
		return out
	case "M_USER_SUSPENDED":
		return e(KindAccountDisabled, "")
	case "M_NOT_FOUND":
		if roomOps[op] {
			return e(KindRoomNotFound, "")
		}
		return e(KindNotFound, "")
	case "M_UNRECOGNIZED":
		switch op {
		case opDiscover, opLogin, opRegister, opWhoAmI, opSync:
			return notMatrix(hostOf(reqOf(res)), orig)
		}
		return e(KindUnsupported, "")
	case "M_TOO_LARGE":
		return e(KindMessageTooLarge, "")
	case "M_ROOM_IN_USE":
		return e(KindRoomAliasTaken, "")
	case "M_CONSENT_NOT_GIVEN":
		if uri, _ := re.ExtraData["consent_uri"].(string); strings.HasPrefix(uri, "https://") || strings.HasPrefix(uri, "http://") {
			out := e(KindTermsRequired, ReasonTermsAt)
			out.Address = uri
			return out
		}
		return e(KindTermsRequired, "")
	case "M_RESOURCE_LIMIT_EXCEEDED":
		return e(KindServerError, ReasonResourceLimit)
	case "M_GUEST_ACCESS_FORBIDDEN":
		return e(KindForbidden, ReasonGuestsForbidden)
	case "M_UNSUPPORTED_ROOM_VERSION", "M_INCOMPATIBLE_ROOM_VERSION":
		return e(KindUnsupported, ReasonRoomVersion)
	case "M_CAPTCHA_INVALID", "M_CAPTCHA_NEEDED":
		return e(KindUnsupportedStage, ReasonCaptchaRefused)
	case "M_BAD_JSON", "M_NOT_JSON", "M_MISSING_PARAM", "M_INVALID_PARAM", "M_BAD_STATE", "M_DUPLICATE_ANNOTATION":
		return e(KindBadRequest, "")
	}
	if re.StatusCode == http.StatusTooManyRequests {
		return rateLimited(res, re, orig)
	}
	if re.StatusCode >= 500 {
		return e(KindServerError, "")
	}
	if res != nil {
		// Unknown error code: fall back on what the status says.
		if k := classifyStatus(res, op, orig); k.Kind != KindUnknown {
			return k
		}
	}
	return e(KindUnknown, ReasonUnknownCode)
}

// softLogout is a session the server ended while keeping its device,
// when no refresh token could renew it.
func softLogout(orig error) *Error {
	return &Error{Kind: KindSoftLogout, SoftLogout: true, Err: orig}
}

func reqOf(res *http.Response) *http.Request {
	if res == nil {
		return nil
	}
	return res.Request
}

// What a KindForbidden was about, by operation.
const (
	ReasonForbiddenJoin       Reason = "forbidden_join"        // invite-only, or removed
	ReasonForbiddenSend       Reason = "forbidden_send"        // not a member, or read-only
	ReasonForbiddenCreateRoom Reason = "forbidden_create_room" // the server lets nobody (or not them) create rooms
	ReasonForbiddenRoom       Reason = "forbidden_room"        // anything else about one room
)

// forbidden maps M_FORBIDDEN (or a bare 403) by operation.
func forbidden(op string, re *mautrix.RespError, orig error) *Error {
	e := func(k Kind, why Reason) *Error { return &Error{Kind: k, Reason: why, Err: orig} }
	switch op {
	case opLogin:
		return e(KindWrongPassword, "")
	case opRegister:
		return e(KindRegistrationClosed, "")
	case opJoin:
		return e(KindForbidden, ReasonForbiddenJoin)
	case opSend:
		return e(KindForbidden, ReasonForbiddenSend)
	case opCreateRoom:
		return e(KindForbidden, ReasonForbiddenCreateRoom)
	case opLeave, opMessages, opRoom:
		return e(KindForbidden, ReasonForbiddenRoom)
	}
	return e(KindForbidden, "")
}

// rateLimited builds KindRateLimited with RetryAfter from the Retry-After
// header (seconds or an HTTP date, preferred by spec v1.10+) or the older
// retry_after_ms body field. Note that in a browser the header is only
// visible if the server exposes it to scripts, so the body field matters.
func rateLimited(res *http.Response, re *mautrix.RespError, orig error) *Error {
	var wait time.Duration
	if res != nil {
		if h := strings.TrimSpace(res.Header.Get("Retry-After")); h != "" {
			if secs, err := strconv.Atoi(h); err == nil && secs > 0 {
				wait = time.Duration(secs) * time.Second
			} else if t, err := http.ParseTime(h); err == nil {
				wait = time.Until(t)
			}
		}
	}
	if wait <= 0 && re != nil {
		if ms, ok := re.ExtraData["retry_after_ms"].(float64); ok && ms > 0 {
			wait = time.Duration(ms) * time.Millisecond
		}
	}
	if wait < 0 {
		wait = 0
	}
	return &Error{Kind: KindRateLimited, RetryAfter: wait, Err: orig}
}
