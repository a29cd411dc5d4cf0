package matrix

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
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
// room is invite-only. Pass the closest one; an unknown op gets the generic
// wording, which is still a correct sentence.
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
// *Error whose Message a beginner can act on. op names what was being done
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
		return &Error{Kind: KindCanceled, Message: "The request was cancelled.", Err: err}
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
		return &Error{Kind: KindBadServerName, Message: "No server address is set. Please choose a server first.", Err: err}
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
	return &Error{Kind: KindUnknown, Message: "Something unexpected went wrong. Please try again in a moment.", Err: err}
}

// hostOf names the server in messages ("Could not reach example.org.") so
// the reader can spot a typo.
func hostOf(req *http.Request) string {
	if req == nil || req.URL == nil {
		return ""
	}
	return req.URL.Host
}

// theServer returns the host ("example.org") or, when unknown, "its
// address", for use inside sentences ("Nothing is answering at ...").
func theServer(host string) string {
	if host == "" {
		return "its address"
	}
	return host
}

func notMatrix(host string, err error) *Error {
	return &Error{
		Kind:    KindNotMatrix,
		Message: fmt.Sprintf("Something answered at %s, but it is not a Matrix server. Check the address, or ask the people who run it for their Matrix server's name.", theServer(host)),
		Err:     err,
	}
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

// classifyNetwork handles failures where no HTTP answer arrived at all.
func classifyNetwork(cause error, host string, orig error) *Error {
	srv := theServer(host)
	unreachable := func(msg string) *Error {
		return &Error{Kind: KindUnreachable, Message: msg, Err: orig}
	}
	offline := &Error{Kind: KindNetworkDown, Message: "Your device seems to be offline. Check your internet connection and try again.", Err: orig}

	if isFetchFailure(cause) {
		if browserOffline() {
			return offline
		}
		// In the browser a refused connection and a server that does not
		// allow web apps (no CORS headers) are indistinguishable here;
		// Discover probes further (see probeCORS) and may return KindCORS.
		return unreachable(fmt.Sprintf("Could not reach %s. The server may be down, the address may be wrong, or it may not allow web apps like this one to connect.", srv))
	}
	if errors.Is(cause, syscall.ENETUNREACH) || errors.Is(cause, syscall.ENETDOWN) {
		return offline
	}
	var de *net.DNSError
	if errors.As(cause, &de) {
		if de.IsNotFound {
			return unreachable(fmt.Sprintf("There is no server called %s on the internet. Check the spelling of the address.", srv))
		}
		// The name could not be looked up at all (not "does not exist"):
		// most often there is no working network.
		return &Error{Kind: KindNetworkDown, Message: fmt.Sprintf("The address %s could not be looked up. Your device may be offline; check your internet connection and try again.", srv), Err: orig}
	}
	if errors.Is(cause, syscall.ECONNREFUSED) {
		return unreachable(fmt.Sprintf("Nothing is answering at %s. Check the address, or the server may be down right now.", srv))
	}
	switch tlsProblemOf(cause) {
	case tlsNotOffered:
		return unreachable(fmt.Sprintf("The server at %s does not offer a secure (https) connection, so the guide sent nothing to it.", srv))
	case tlsBadCertificate:
		return unreachable(fmt.Sprintf("The security certificate of %s is not valid, so the connection was stopped to keep you safe.", srv))
	}
	var ne net.Error
	if errors.Is(cause, context.DeadlineExceeded) || (errors.As(cause, &ne) && ne.Timeout()) {
		return unreachable(fmt.Sprintf("The server at %s took too long to answer. It may be down or very busy; please try again in a moment.", srv))
	}
	if errors.Is(cause, syscall.ECONNRESET) || errors.Is(cause, io.EOF) || errors.Is(cause, io.ErrUnexpectedEOF) {
		return unreachable(fmt.Sprintf("The connection to %s was cut off. Please try again in a moment.", srv))
	}
	return unreachable(fmt.Sprintf("Could not reach %s. Check the address and your internet connection, then try again.", srv))
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
		return &Error{Kind: KindMessageTooLarge, Message: "That is too large for the server to accept. Please make it smaller.", Err: orig}
	case code == http.StatusUnauthorized:
		return &Error{Kind: KindTokenExpired, Message: "You are no longer signed in. Please sign in again.", Err: orig}
	case code == http.StatusNotFound || code == http.StatusMethodNotAllowed:
		switch op {
		case opDiscover, opLogin, opRegister, opLogout, opWhoAmI, opSync:
			// These endpoints exist on every Matrix server.
			return notMatrix(host, orig)
		}
		if roomOps[op] {
			return &Error{Kind: KindRoomNotFound, Message: "That room could not be found. Check the room address and try again.", Err: orig}
		}
		return &Error{Kind: KindUnsupported, Message: "This server does not support that feature.", Err: orig}
	case code == http.StatusForbidden:
		return forbidden(op, nil, orig)
	case code >= 500:
		return &Error{Kind: KindServerError, Message: fmt.Sprintf("The server at %s is having trouble right now. Please try again in a few minutes.", theServer(host)), Err: orig}
	}
	if op == opDiscover {
		return notMatrix(host, orig)
	}
	return &Error{Kind: KindUnknown, Message: "The server gave an answer Hello Matrix did not expect. Please try again in a moment.", Err: orig}
}

// classifyResp maps a standard Matrix error (errcode) to a Kind and a
// sentence. res may be nil when only the RespError is known.
func classifyResp(re *mautrix.RespError, res *http.Response, op string, orig error) *Error {
	e := func(k Kind, msg string) *Error { return &Error{Kind: k, Message: msg, Err: orig} }
	switch re.ErrCode {
	case "M_LIMIT_EXCEEDED":
		return rateLimited(res, re, orig)
	case "M_UNKNOWN_TOKEN":
		if soft, _ := re.ExtraData["soft_logout"].(bool); soft {
			return softLogout(orig)
		}
		return e(KindTokenExpired, "You have been signed out, perhaps from another device or by the server. Please sign in again.")
	case "M_MISSING_TOKEN":
		return e(KindTokenExpired, "You are not signed in. Please sign in first.")
	case "M_FORBIDDEN":
		return forbidden(op, re, orig)
	case "M_USER_IN_USE":
		return e(KindUsernameTaken, "That username is already taken on this server. Please pick another one.")
	case "M_INVALID_USERNAME":
		return e(KindInvalidUsername, usernameRules)
	case "M_EXCLUSIVE":
		return e(KindInvalidUsername, "That username is reserved on this server, for example for a bridge or a bot. Please pick another one.")
	case "M_WEAK_PASSWORD":
		return e(KindWeakPassword, "That password is too weak for this server. Please choose a longer one, ideally mixing letters, numbers and symbols.")
	case "M_PASSWORD_TOO_SHORT":
		return e(KindWeakPassword, "That password is too short for this server. Please choose a longer one.")
	case "M_PASSWORD_NO_DIGIT":
		return e(KindWeakPassword, "This server wants at least one digit (0-9) in the password.")
	case "M_PASSWORD_NO_UPPERCASE":
		return e(KindWeakPassword, "This server wants at least one capital letter in the password.")
	case "M_PASSWORD_NO_LOWERCASE":
		return e(KindWeakPassword, "This server wants at least one small letter in the password.")
	case "M_PASSWORD_NO_SYMBOL":
		return e(KindWeakPassword, "This server wants at least one symbol (such as ! or #) in the password.")
	case "M_PASSWORD_IN_DICTIONARY":
		return e(KindWeakPassword, "That password is too common and easy to guess. Please choose another one.")
	case "M_USER_DEACTIVATED":
		return e(KindAccountDeactivated, "This account has been closed and can no longer be used. To chat again, create a new account.")
	case "M_USER_LOCKED":
		out := e(KindAccountLocked, "This account has been locked by the server's administrators, so you cannot sign in with it for now. Please contact them; anything you have not sent yet is kept.")
		out.SoftLogout, _ = re.ExtraData["soft_logout"].(bool)
		return out
	case "M_USER_SUSPENDED":
		return e(KindAccountDisabled, "This account has been suspended by the server's administrators, so it cannot do that right now.")
	case "M_NOT_FOUND":
		if roomOps[op] {
			return e(KindRoomNotFound, "No room was found at that address. Check the spelling, including the part after the colon.")
		}
		return e(KindNotFound, "The server could not find what was asked for.")
	case "M_UNRECOGNIZED":
		switch op {
		case opDiscover, opLogin, opRegister, opWhoAmI, opSync:
			return notMatrix(hostOf(reqOf(res)), orig)
		}
		return e(KindUnsupported, "This server does not support that feature.")
	case "M_TOO_LARGE":
		return e(KindMessageTooLarge, "That message is too large for the server. Please shorten it or split it into several messages.")
	case "M_ROOM_IN_USE":
		return e(KindRoomAliasTaken, "That room address is already in use. Please pick another one.")
	case "M_CONSENT_NOT_GIVEN":
		msg := "This server needs you to accept its terms of service first."
		if uri, _ := re.ExtraData["consent_uri"].(string); strings.HasPrefix(uri, "https://") || strings.HasPrefix(uri, "http://") {
			msg += " Open " + uri + " to read and accept them, then try again."
		}
		return e(KindTermsRequired, msg)
	case "M_RESOURCE_LIMIT_EXCEEDED":
		return e(KindServerError, "This server has reached a limit set by its administrators, for example on the number of users. Please try again later or contact them.")
	case "M_GUEST_ACCESS_FORBIDDEN":
		return e(KindForbidden, "This room does not allow guests. Please sign in with a full account.")
	case "M_UNSUPPORTED_ROOM_VERSION", "M_INCOMPATIBLE_ROOM_VERSION":
		return e(KindUnsupported, "This room uses a version that your server does not support.")
	case "M_CAPTCHA_INVALID", "M_CAPTCHA_NEEDED":
		return e(KindUnsupportedStage, "The server wants a captcha solved before continuing. Please finish that step on the server's own page.")
	case "M_BAD_JSON", "M_NOT_JSON", "M_MISSING_PARAM", "M_INVALID_PARAM", "M_BAD_STATE", "M_DUPLICATE_ANNOTATION":
		return e(KindBadRequest, "The server did not accept that request. This is probably a mistake in Hello Matrix; please try again, and report it if it keeps happening.")
	}
	if re.StatusCode == http.StatusTooManyRequests {
		return rateLimited(res, re, orig)
	}
	if re.StatusCode >= 500 {
		return e(KindServerError, "The server ran into a problem of its own. Please try again in a few minutes.")
	}
	if res != nil {
		// Unknown error code: fall back on what the status says.
		if k := classifyStatus(res, op, orig); k.Kind != KindUnknown {
			return k
		}
	}
	return e(KindUnknown, "The server refused that for a reason Hello Matrix does not know. Please try again in a moment.")
}

// softLogout is the sentence for a session the server ended while keeping
// its device, when no refresh token could renew it.
func softLogout(orig error) *Error {
	return &Error{
		Kind:       KindSoftLogout,
		Message:    "Your sign-in has expired. Please sign in again with your password; messages you have not sent yet are kept and go out once you are back.",
		SoftLogout: true,
		Err:        orig,
	}
}

func reqOf(res *http.Response) *http.Request {
	if res == nil {
		return nil
	}
	return res.Request
}

// usernameRules is the sentence for the server's M_INVALID_USERNAME: the
// rules the local check (username.go) spells out one by one.
const usernameRules = "That username is not allowed. Use only small letters a to z, digits 0 to 9 and the characters . _ = - /, with no spaces."

// forbidden maps M_FORBIDDEN (or a bare 403) by operation.
func forbidden(op string, re *mautrix.RespError, orig error) *Error {
	e := func(k Kind, msg string) *Error { return &Error{Kind: k, Message: msg, Err: orig} }
	switch op {
	case opLogin:
		return e(KindWrongPassword, "The username or password is not right. Please check both and try again.")
	case opRegister:
		return e(KindRegistrationClosed, "This server does not let new people sign up here. Please pick another server, or ask its administrators for an account.")
	case opJoin:
		return e(KindForbidden, "You cannot join this room. It may be invite-only, or you may have been removed from it.")
	case opSend:
		return e(KindForbidden, "You are not allowed to post in this room, perhaps because you are not a member of it or it is read-only.")
	case opCreateRoom:
		return e(KindForbidden, "This server does not allow you to create rooms.")
	case opLeave, opMessages, opRoom:
		return e(KindForbidden, "You do not have access to this room.")
	}
	return e(KindForbidden, "The server did not allow that.")
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
	return &Error{Kind: KindRateLimited, Message: rateLimitMessage(wait), RetryAfter: wait, Err: orig}
}

func rateLimitMessage(wait time.Duration) string {
	const base = "You are going faster than the server allows. "
	switch {
	case wait <= 0:
		return base + "Please wait a moment and try again."
	case wait <= time.Second:
		return base + "Please wait a second and try again."
	case wait < 90*time.Second:
		return base + fmt.Sprintf("Please wait about %d seconds and try again.", int(math.Ceil(wait.Seconds())))
	default:
		return base + fmt.Sprintf("Please wait about %d minutes and try again.", int(math.Ceil(wait.Minutes())))
	}
}
