package matrix

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"

	"maunium.net/go/mautrix"
)

// The email stage (m.login.email.identity) as the guide does it itself,
// without the server's fallback page (Synapse has none for it):
//
//  1. POST /register/email/requestToken {client_secret, email, send_attempt}
//     makes the server mail a link to the address; it answers a sid.
//  2. The reader opens the link, anywhere: in this browser, on a phone.
//  3. Meanwhile the guide sends the stage, {type, threepid_creds: {sid,
//     client_secret}, session}, every few seconds. Until the link is opened
//     the server answers 401 with the stage not completed (Synapse adds
//     M_UNAUTHORIZED "Unable to get validated threepid"); that is "not yet",
//     not a failure. Once it is opened the stage counts and sign-up goes on.
//
// Resending keeps the client secret and raises send_attempt, so the server
// sends a new mail for the same check (the same sid).

// More steps of a sign-up (see Step).
const (
	// StepEmail: the server needs an email address; ResumeRegistration
	// with RegisterRequest.Email.
	StepEmail Step = "email"
	// StepEmailSent: a link went to Registration.Email.Address. Call
	// CheckEmail every few seconds (it answers StepEmailSent again until
	// the link is opened), ResendEmail for a new mail, or
	// ResumeRegistration with another Email to change the address.
	StepEmailSent Step = "email_sent"
)

// More ways a sign-up can fail, at the email step.
const (
	KindBadEmail     Kind = "bad_email"     // not an email address (checked here, or the server could not read it)
	KindEmailInUse   Kind = "email_in_use"  // M_THREEPID_IN_USE: another account has that address
	KindEmailRefused Kind = "email_refused" // M_THREEPID_DENIED and the like: the server will not take it or cannot send mail
)

// EmailCheck is one email check in progress: where the link went and what
// proves it is ours. ClientSecret is a secret shared with the server: keep
// it out of addresses and logs. It is safe to store with a pending
// sign-up (see Pending), which is what lets a reload carry on.
type EmailCheck struct {
	Address      string `json:"address"`
	ClientSecret string `json:"client_secret"`
	SID          string `json:"sid"`
	SendAttempt  int    `json:"send_attempt"`
}

// PendingRegistration is what a sign-up waiting for an email link needs to
// carry on after a reload: the server, the UIA session and the check. It
// holds no password; the server keeps the one sent earlier with the
// session (Synapse stores its hash there, and the username with it).
type PendingRegistration struct {
	ServerName    string     `json:"server_name"`
	HomeserverURL string     `json:"homeserver_url"`
	Username      string     `json:"username"` // for showing the user ID; not resent
	Session       string     `json:"session"`
	Email         EmailCheck `json:"email"`
}

// Pending is r in storable form, for a Registration at StepEmailSent (ok is
// false at any other step).
func (r *Registration) Pending() (PendingRegistration, bool) {
	if r == nil || r.Step != StepEmailSent || r.Email == nil || r.server == nil {
		return PendingRegistration{}, false
	}
	return PendingRegistration{
		ServerName:    r.server.Name,
		HomeserverURL: r.server.BaseURL,
		Username:      r.Username,
		Session:       r.session,
		Email:         *r.Email,
	}, true
}

// RestoreRegistration brings back a Registration that Pending stored. It
// sends nothing; CheckEmail then asks the server where things stand.
// Username and password are not resent: the server uses those it keeps
// with the session.
func RestoreRegistration(p PendingRegistration) (*Registration, error) {
	if p.HomeserverURL == "" || p.Session == "" || p.Email.SID == "" || p.Email.ClientSecret == "" {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonPendingIncomplete}
	}
	email := p.Email
	r := &Registration{
		Step:     StepEmailSent,
		Stage:    stageEmail,
		Email:    &email,
		Username: p.Username,
		server:   &Server{Name: p.ServerName, BaseURL: p.HomeserverURL},
		session:  p.Session,
		restored: true,
	}
	return r, nil
}

// ServerName is the name of the server the account is made on.
func (r *Registration) ServerName() string {
	if r == nil || r.server == nil {
		return ""
	}
	return r.server.Name
}

// CheckEmail asks the server whether the link in the email was opened. If
// not, it returns reg again at StepEmailSent (no error); if so, sign-up
// goes on and the result is StepDone or the server's next step.
func CheckEmail(ctx context.Context, reg *Registration) (*Registration, error) {
	if reg == nil || reg.Step != StepEmailSent || reg.Email == nil {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonNoEmailCheck}
	}
	return ResumeRegistration(ctx, reg, RegisterRequest{})
}

// ResendEmail has the server mail a new link to the same address (same
// client secret, next send_attempt). The earlier link may stop working.
func ResendEmail(ctx context.Context, reg *Registration) (*Registration, error) {
	if reg == nil || reg.Email == nil || reg.server == nil {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonNoEmailToResend}
	}
	next := *reg
	check := *reg.Email
	check.SendAttempt++
	sid, err := requestEmailToken(ctx, reg.server, check)
	if err != nil {
		return nil, err
	}
	check.SID = sid
	next.Email = &check
	return next.waiting(StepEmailSent, stageEmail), nil
}

// emailStage decides what to send for the email stage: nothing yet (the
// reader must give an address, or was just sent a link), or the stage
// itself once a link is out.
func (r *Registration) emailStage(ctx context.Context) (wait *Registration, auth map[string]any, err error) {
	address := strings.TrimSpace(r.req.Email)
	if address != "" && (r.Email == nil || !strings.EqualFold(address, r.Email.Address)) {
		// A first address, or a corrected one: a new check.
		if err := checkEmailAddress(address); err != nil {
			return nil, nil, err
		}
		secret, err := newClientSecret()
		if err != nil {
			return nil, nil, err
		}
		check := EmailCheck{Address: address, ClientSecret: secret, SendAttempt: 1}
		if check.SID, err = requestEmailToken(ctx, r.server, check); err != nil {
			return nil, nil, err
		}
		r.Email = &check
		return r.waiting(StepEmailSent, stageEmail), nil, nil
	}
	if r.Email == nil {
		return r.waiting(StepEmail, stageEmail), nil, nil
	}
	return nil, map[string]any{
		"type":           stageEmail,
		"threepid_creds": map[string]any{"sid": r.Email.SID, "client_secret": r.Email.ClientSecret},
		"session":        r.session,
	}, nil
}

// emailNotYet reports the server's answer to the email stage while the
// link is still unopened: the stage is not completed. The server's error
// code is not checked, since it is only Synapse's way of saying so.
func (r *Registration) emailNotYet() *Registration {
	return r.waiting(StepEmailSent, stageEmail)
}

// The cases of an email check that call for their own words.
const (
	ReasonPendingIncomplete Reason = "pending_incomplete" // KindUnknown: a stored sign-up lacks what it needs
	ReasonNoEmailCheck      Reason = "no_email_check"     // KindUnknown: CheckEmail with nothing waiting
	ReasonNoEmailToResend   Reason = "no_email_to_resend" // KindUnknown: ResendEmail with no address
	ReasonNoRandom          Reason = "no_random"          // KindUnknown: the browser gave no random bytes
	ReasonNoEmailSID        Reason = "no_email_sid"       // KindUnknown: requestToken answered without a sid
	ReasonEmailUnreadable   Reason = "email_unreadable"   // KindBadEmail: the server could not parse it
	ReasonEmailDenied       Reason = "email_denied"       // KindEmailRefused: M_THREEPID_DENIED
	ReasonEmailNoCheck      Reason = "email_no_check"     // KindEmailRefused: the server cannot check addresses
	ReasonEmailDisabled     Reason = "email_disabled"     // KindEmailRefused: the server has no mail set up
)

// checkEmailAddress refuses what cannot be an address before asking the
// server: one @ with something on both sides, a dot in the domain, no
// spaces.
func checkEmailAddress(address string) error {
	local, domain, ok := strings.Cut(address, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsAny(address, " \t\r\n<>,;") ||
		!strings.Contains(strings.Trim(domain, "."), ".") {
		return &Error{Kind: KindBadEmail}
	}
	return nil
}

// newClientSecret is the spec's client_secret: [0-9a-zA-Z.=_-], at most 255.
func newClientSecret() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", &Error{Kind: KindUnknown, Reason: ReasonNoRandom, Err: err}
	}
	return hex.EncodeToString(b), nil
}

// requestEmailToken asks the server to mail the link and returns the sid.
func requestEmailToken(ctx context.Context, srv *Server, check EmailCheck) (string, error) {
	api, err := newAPI(srv.BaseURL)
	if err != nil {
		return "", badServerName(srv.BaseURL, err)
	}
	var resp struct {
		SID string `json:"sid"`
	}
	_, err = api.MakeFullRequest(ctx, mautrix.FullRequest{
		Method: http.MethodPost,
		URL:    api.BuildClientURL("v3", "register", "email", "requestToken"),
		RequestJSON: map[string]any{
			"client_secret": check.ClientSecret,
			"email":         check.Address,
			"send_attempt":  check.SendAttempt,
		},
		ResponseJSON:     &resp,
		SensitiveContent: true,
	})
	if err != nil {
		return "", emailRequestError(err)
	}
	if resp.SID == "" {
		return "", &Error{Kind: KindUnknown, Reason: ReasonNoEmailSID}
	}
	return resp.SID, nil
}

// emailRequestError sorts out the server's refusals of requestToken.
func emailRequestError(err error) error {
	var he mautrix.HTTPError
	if errors.As(err, &he) && he.RespError != nil {
		e := func(k Kind, why Reason) error { return &Error{Kind: k, Reason: why, Err: err} }
		switch he.RespError.ErrCode {
		case "M_THREEPID_IN_USE":
			return e(KindEmailInUse, "")
		case "M_THREEPID_DENIED":
			return e(KindEmailRefused, ReasonEmailDenied)
		case "M_THREEPID_MEDIUM_NOT_SUPPORTED", "M_SERVER_NOT_TRUSTED", "M_THREEPID_AUTH_FAILED":
			return e(KindEmailRefused, ReasonEmailNoCheck)
		case "M_INVALID_EMAIL", "M_INVALID_PARAM":
			return e(KindBadEmail, ReasonEmailUnreadable)
		case "M_LIMIT_EXCEEDED", "M_FORBIDDEN":
			return classify(err, opRegister)
		}
		if he.Response != nil {
			switch code := he.Response.StatusCode; {
			case code == http.StatusBadRequest && strings.Contains(strings.ToLower(he.RespError.Err), "parse email"):
				// Synapse's words for an address it cannot read.
				return e(KindBadEmail, ReasonEmailUnreadable)
			case code == http.StatusBadRequest:
				// Synapse without a mail setup: "Email-based registration
				// has been disabled".
				return e(KindEmailRefused, ReasonEmailDisabled)
			case code >= 500:
				return e(KindEmailRefused, "")
			}
		}
	}
	return classify(err, opRegister)
}
