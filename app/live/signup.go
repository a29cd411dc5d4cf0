package live

import (
	"context"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// registerTimeout bounds one round of sign-up (the server hashing a
// password on a small machine can take a few seconds).
const registerTimeout = 90 * time.Second

// SignUpForm is what the reader gave the sign-up form.
type SignUpForm struct {
	Username          string
	Password          string
	AcceptTerms       bool
	RegistrationToken string
	Email             string // for servers that check an address (StepEmail)
}

// Step is what the reader must do before a sign-up can go on.
type Step = matrix.Step

// The steps of a sign-up.
const (
	StepDone        = matrix.StepDone        // the account exists and the reader is signed in
	StepAcceptTerms = matrix.StepAcceptTerms // show Terms, then Register again with AcceptTerms
	StepToken       = matrix.StepToken       // ask for an invitation code, then Register again
	StepBrowser     = matrix.StepBrowser     // open FallbackURL, then Register again when done
)

// SignUp is where one sign-up stands after a round with the server: done,
// or waiting for the reader (Step). It holds the password in memory to
// resend it with every round; it is never stored.
type SignUp struct {
	Step Step
	// Message says in one sentence what the reader should do now (or,
	// when done, that the account exists).
	Message string
	// Terms are the policies to accept (StepAcceptTerms).
	Terms []Policy
	// FallbackURL is the server's own page for the pending step
	// (StepBrowser).
	FallbackURL string
	// Email is the address the link went to (StepEmailSent), and Hint
	// what to do if it does not arrive or does not work.
	Email string
	Hint  string
	// Username is the account's name on the server, UserID the full ID
	// it gets.
	Username string
	UserID   string

	reg *matrix.Registration
}

// Register creates an account on srv (the checked server of a View), or,
// with pending, continues the sign-up the server is waiting on. Once it is
// done the reader is signed in here, whatever the page shows meanwhile: a
// reader who has moved on to another chapter still ends up signed in. It
// blocks until the server answers; the error goes to one of
// RegisterFields.
func (m *Model) Register(srv *Server, pending *SignUp, form SignUpForm) (*SignUp, error) {
	req := matrix.RegisterRequest{
		Username:          form.Username,
		Password:          form.Password,
		InitialDeviceName: deviceName,
		AcceptTerms:       form.AcceptTerms,
		RegistrationToken: form.RegistrationToken,
		Email:             form.Email,
	}
	ctx, cancel := context.WithTimeout(context.Background(), registerTimeout)
	defer cancel()
	var reg *matrix.Registration
	var err error
	if pending != nil {
		reg, err = matrix.ResumeRegistration(ctx, pending.reg, req)
	} else {
		reg, err = matrix.Register(ctx, srv.core(), req)
	}
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	server := m.serverInput
	m.mu.Unlock()
	return m.finishSignUp(reg, server)
}

// finishSignUp signs the reader in once reg is done, keeps or forgets the
// sign-up waiting for an email link, and words the result.
func (m *Model) finishSignUp(reg *matrix.Registration, server string) (*SignUp, error) {
	if reg.Step == matrix.StepDone {
		if err := m.signIn(*reg.Session); err != nil {
			return nil, err
		}
	}
	su := signUpFrom(m.speaking(), reg)
	m.keepEmailWait(su, server)
	return su, nil
}

// signUpFrom is where reg stands, in w's words.
func signUpFrom(w *words.Words, reg *matrix.Registration) *SignUp {
	su := &SignUp{Step: reg.Step, Message: stepWords(w, reg), Terms: reg.Terms, FallbackURL: reg.FallbackURL, Username: reg.Username, reg: reg}
	if reg.Email != nil {
		su.Email = reg.Email.Address
	}
	if reg.Username != "" {
		su.UserID = UserIDPreview(reg.Username, reg.ServerName())
	}
	wordEmailHint(w, su)
	return su
}

// stepWords says what the reader should do now, or that the account
// exists.
func stepWords(w *words.Words, reg *matrix.Registration) string {
	switch reg.Step {
	case matrix.StepDone:
		if reg.ViaLogin || reg.Session == nil {
			return w.Say("signup.done_via_login")
		}
		return w.Say("signup.done", "user", string(reg.Session.UserID))
	case matrix.StepAcceptTerms:
		return w.Say("signup.accept_terms")
	case matrix.StepToken:
		return w.Say("signup.token")
	case matrix.StepEmail:
		return w.Say("signup.email")
	case matrix.StepEmailSent:
		address := ""
		if reg.Email != nil {
			address = reg.Email.Address
		}
		return w.Say("signup.email_sent", "email", address)
	}
	// StepBrowser: a step on the server's own page.
	switch {
	case reg.NotDoneYet:
		return w.Say("signup.browser_not_done")
	case reg.Stage == matrix.StageRecaptcha:
		return w.Say("signup.browser_captcha")
	case reg.Stage == matrix.StageMSISDN:
		return w.Say("signup.browser_phone")
	case reg.Stage == matrix.StageSSO:
		return w.Say("signup.browser_sso")
	}
	return w.Say("signup.browser")
}

// CheckUsername asks srv early whether name is free, so "taken" is known
// before the password is even typed. It blocks until the server answers.
func CheckUsername(srv *Server, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return matrix.CheckUsername(ctx, srv.core(), name)
}
