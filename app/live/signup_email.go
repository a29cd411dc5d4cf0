package live

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// The email step of a sign-up (the core's side is matrix/register_email.go):
// the reader gives an address, the server mails a link there, and this page
// asks the server every few seconds whether the link was opened, so it
// carries on by itself whether the reader opens it in this browser or on
// their phone. The pending sign-up is kept in storage without the
// password, so a reload (or coming back to the chapter later) carries on
// too.

// The email steps of a sign-up.
const (
	StepEmail     = matrix.StepEmail     // ask for an address, then Register again with Email
	StepEmailSent = matrix.StepEmailSent // a link went to SignUp.Email: WaitForEmail, ResendEmail
)

// emailPollEvery is how often the page asks whether the link was opened:
// often enough to feel immediate, rare enough to be nothing for a server.
const emailPollEvery = 3 * time.Second

// signUpKey keeps the sign-up waiting for its link (savedSignUp as JSON).
// Like everything under the core's prefix it goes on logout.
const signUpKey = "live/signup-email"

// savedSignUp is the stored form: the core's pending registration (no
// password) and the server as the reader chose it.
type savedSignUp struct {
	ServerInput string                     `json:"server_input"`
	Pending     matrix.PendingRegistration `json:"pending"`
}

// emailWait is the sign-up waiting for its link in this page load, with
// its password while the page has it. Guarded by its own mu, taken before
// the model's.
type emailWait struct {
	mu     sync.Mutex
	signUp *SignUp
	server string
}

// The email steps' own ways to fail, worded as "error.REASON".
const (
	// reasonSignUpForgotten: the server no longer knows the sign-up
	// (Synapse forgets one after a long wait).
	reasonSignUpForgotten matrix.Reason = "signup_forgotten"
	// reasonEndedInOtherTab: another tab of the guide dropped it.
	reasonEndedInOtherTab matrix.Reason = "ended_in_other_tab"
)

// wordEmailHint adds, once the link is out, what to do when it does not
// come or does not work.
func wordEmailHint(w *words.Words, su *SignUp) {
	if su.Step == StepEmailSent {
		su.Hint = w.Say("signup.email_hint")
	}
}

// keepEmailWait remembers su (a sign-up at StepEmailSent on server) in
// memory and storage, or forgets it for any other step.
func (m *Model) keepEmailWait(su *SignUp, server string) {
	m.emailWait.mu.Lock()
	defer m.emailWait.mu.Unlock()
	m.mu.Lock()
	kv := m.storage.kv
	m.mu.Unlock()
	var pending matrix.PendingRegistration
	ok := false
	if su != nil && su.Step == StepEmailSent {
		pending, ok = su.reg.Pending()
	}
	if !ok {
		m.emailWait.signUp, m.emailWait.server = nil, ""
		if kv != nil {
			_ = kv.Delete(signUpKey)
		}
		return
	}
	m.emailWait.signUp, m.emailWait.server = su, server
	if kv == nil {
		return
	}
	if b, err := json.Marshal(savedSignUp{ServerInput: server, Pending: pending}); err == nil {
		_ = kv.Set(signUpKey, b)
	}
}

// SavedSignUp is the sign-up waiting for an email link, if there is one:
// from this page load, or from storage after a reload. server is the server
// as the reader chose it then; the form shows the sign-up only while that
// is still the chosen one.
func (m *Model) SavedSignUp() (su *SignUp, server string) {
	m.emailWait.mu.Lock()
	defer m.emailWait.mu.Unlock()
	if m.emailWait.signUp != nil {
		return m.emailWait.signUp, m.emailWait.server
	}
	m.mu.Lock()
	kv := m.storage.kv
	m.mu.Unlock()
	if kv == nil {
		return nil, ""
	}
	b, ok, _ := kv.Get(signUpKey)
	if !ok {
		return nil, ""
	}
	var saved savedSignUp
	reg, err := (*matrix.Registration)(nil), json.Unmarshal(b, &saved)
	if err == nil {
		reg, err = matrix.RestoreRegistration(saved.Pending)
	}
	if err != nil {
		_ = kv.Delete(signUpKey) // damaged: nothing to carry on with
		return nil, ""
	}
	su = signUpFrom(m.speaking(), reg)
	m.emailWait.signUp, m.emailWait.server = su, saved.ServerInput
	return su, saved.ServerInput
}

// ForgetSignUp drops the sign-up waiting for an email link, e.g. when the
// reader starts again or picks another server.
func (m *Model) ForgetSignUp() {
	m.keepEmailWait(nil, "")
}

// WaitForEmail asks the server every few seconds whether the link mailed
// for pending was opened, until it was (then the sign-up goes on: done and
// signed in, or the server's next step) or ctx ends (the reader left the
// page or changed their mind: KindCanceled). A lost connection does not
// stop it: the reader may be offline for a moment, and the server still
// knows the check when they are back. notYet, if set, is called after each
// answer that the link is still unopened (the page shows that it is
// still checking).
func (m *Model) WaitForEmail(ctx context.Context, pending *SignUp, notYet func()) (*SignUp, error) {
	if pending == nil || pending.Step != StepEmailSent {
		return pending, nil
	}
	_, server := m.SavedSignUp()
	wait := time.Duration(0) // the link may have been opened already (a reload)
	for {
		select {
		case <-ctx.Done():
			return nil, &matrix.Error{Kind: matrix.KindCanceled, Err: ctx.Err()}
		case <-time.After(wait):
		}
		wait = emailPollEvery
		if done, err, ended := m.endedElsewhere(pending); ended {
			return done, err
		}
		rctx, cancel := context.WithTimeout(ctx, registerTimeout)
		reg, err := matrix.CheckEmail(rctx, pending.reg)
		cancel()
		switch matrix.KindOf(err) {
		case "":
		case matrix.KindNetworkDown, matrix.KindUnreachable, matrix.KindServerError, matrix.KindRateLimited:
			continue
		case matrix.KindUnknown, matrix.KindBadRequest:
			if ctx.Err() != nil {
				continue // cancelled mid-request: the select says so
			}
			// Synapse forgets a sign-up session after a long wait.
			return nil, &matrix.Error{Kind: matrix.KindUnknown, Reason: reasonSignUpForgotten, Err: err}
		default:
			if ctx.Err() != nil {
				continue
			}
			return nil, err
		}
		if reg.Step == StepEmailSent {
			if notYet != nil {
				notYet()
			}
			continue
		}
		return m.finishSignUp(reg, server)
	}
}

// endedElsewhere notices that another tab of the guide finished this
// sign-up (or dropped it) through the storage they share: the saved
// sign-up is gone or is another one. If that tab finished, the session it
// saved is taken up here too, instead of a second check creating a second
// login for the same account.
func (m *Model) endedElsewhere(pending *SignUp) (*SignUp, error, bool) {
	mine, ok := pending.reg.Pending()
	if !ok {
		return nil, nil, false
	}
	m.mu.Lock()
	kv, sessions, signedIn := m.storage.kv, m.storage.sessions, m.client != nil
	m.mu.Unlock()
	if kv == nil {
		return nil, nil, false
	}
	if b, found, err := kv.Get(signUpKey); err != nil || found {
		var saved savedSignUp
		if err != nil || json.Unmarshal(b, &saved) != nil || saved.Pending.Email.SID == mine.Email.SID {
			return nil, nil, false
		}
	}
	m.emailWait.mu.Lock()
	if m.emailWait.signUp == pending {
		m.emailWait.signUp, m.emailWait.server = nil, ""
	}
	m.emailWait.mu.Unlock()
	if sess, _ := sessions.Load(); sess != nil {
		if !signedIn {
			m.restore(sessions, sess)
		}
		return &SignUp{Step: StepDone, Message: m.say("signup.done_in_other_tab")}, nil, true
	}
	return nil, &matrix.Error{Kind: matrix.KindUnknown, Reason: reasonEndedInOtherTab}, true
}

// ResendEmail has the server mail a new link for pending.
func (m *Model) ResendEmail(pending *SignUp) (*SignUp, error) {
	if pending == nil || pending.reg == nil {
		return nil, &matrix.Error{Kind: matrix.KindUnknown, Reason: matrix.ReasonNoEmailToResend}
	}
	ctx, cancel := context.WithTimeout(context.Background(), registerTimeout)
	defer cancel()
	reg, err := matrix.ResendEmail(ctx, pending.reg)
	if err != nil {
		return nil, err
	}
	_, server := m.SavedSignUp()
	return m.finishSignUp(reg, server)
}
