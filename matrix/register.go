package matrix

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"maunium.net/go/mautrix"
)

// RegisterRequest is what the sign-up form collects.
type RegisterRequest struct {
	// Username is the wished-for name: "alice" or the full "@alice:server".
	// It must already be lower case: Register refuses "Alice" with a
	// sentence suggesting "alice" instead of silently changing it, because
	// the reader has to know the exact ID they will sign in with and share.
	Username string
	Password string
	// InitialDeviceName is how this session shows in the reader's device
	// list ("Hello Matrix guide"); empty lets the server choose.
	InitialDeviceName string
	// AcceptTerms: the reader ticked "I accept" for the policies a previous
	// Registration listed in Terms.
	AcceptTerms bool
	// RegistrationToken is the invitation code some servers require.
	RegistrationToken string
	// Email is the address for servers that check one (StepEmail); a
	// different one later starts a new check (register_email.go).
	Email string
}

// Step is what the reader must do before registration can go on.
type Step string

const (
	StepDone        Step = "done"               // Session is set: the account exists and is signed in
	StepAcceptTerms Step = "accept_terms"       // show Terms, then ResumeRegistration with AcceptTerms
	StepToken       Step = "registration_token" // ask for an invitation code, then ResumeRegistration
	StepBrowser     Step = "browser"            // open FallbackURL, then ResumeRegistration when done
	// StepEmail and StepEmailSent are in register_email.go.
)

// Registration is the state of one sign-up, which the server tracks as a
// user-interactive authentication (UIA) session. Register returns it either
// finished (Step == StepDone, Session set) or waiting for the reader.
//
// It keeps the password in memory to resend it with every round, as the
// spec requires; do not store a Registration.
type Registration struct {
	Step    Step
	Session *Session // StepDone only

	// Stage is the server's name for the pending step ("m.login.terms"):
	// for StepBrowser, StageRecaptcha, StageMSISDN, StageSSO or another.
	Stage string
	// NotDoneYet (StepBrowser): the reader came back from the server's
	// page, but the server does not count the step as done.
	NotDoneYet bool
	// ViaLogin (StepDone): the server made the account without signing it
	// in, so the guide signed in with the password.
	ViaLogin bool
	// Terms are the policies to accept (StepAcceptTerms).
	Terms []Policy
	// FallbackURL is the server's own page for the pending step
	// (StepBrowser): open it in a new tab, then call ResumeRegistration.
	FallbackURL string
	// Email is the check under way (StepEmailSent, and later steps).
	Email *EmailCheck
	// Username is the account's name on the server (its localpart).
	Username string

	server    *Server
	req       RegisterRequest
	session   string // the server's UIA session ID
	flows     []uiaFlow
	completed []string
	params    map[string]json.RawMessage
	// noFallback are stages whose fallback page the server does not have
	// (Synapse, for one, has none for email checks): flows needing them
	// are skipped.
	noFallback map[string]bool
	// restored: brought back by RestoreRegistration after a reload, with
	// no password and no flows; the server's session has both.
	restored bool
}

// Register creates an account on srv, driving the server's
// user-interactive authentication. On StepDone the Session is signed in
// (save it with a SessionStore). Otherwise the reader has something to do
// (accept terms, type an invitation code, finish a step on the server's
// page) and ResumeRegistration continues.
//
// Errors (*Error): KindInvalidUsername (checked before sending, see
// RegisterRequest.Username), KindMissingPassword, KindUsernameTaken,
// KindWeakPassword, KindRegistrationClosed, KindOAuthOnly (with an
// *OAuthRequired inside), KindBadRegistrationToken, KindUnsupportedStage,
// KindRateLimited, and the network kinds.
func Register(ctx context.Context, srv *Server, req RegisterRequest) (*Registration, error) {
	if srv == nil {
		return nil, &Error{Kind: KindBadServerName, Reason: ReasonNoServer}
	}
	if srv.Auth.OAuthOnly || (srv.Auth.OAuth && !srv.Auth.RegistrationOpen) {
		return nil, oauthOnlyError(srv, true)
	}
	local, err := checkUsername(req.Username, srv.Name)
	if err != nil {
		return nil, err
	}
	req.Username = local
	if req.Password == "" {
		return nil, &Error{Kind: KindMissingPassword}
	}
	// Ask about the name first: a reader should not solve a captcha or
	// accept terms only to learn at the end that the name is taken.
	if err := usernameAvailable(ctx, srv, local); err != nil {
		return nil, err
	}
	reg := &Registration{server: srv, req: req, Username: local}
	return reg.run(ctx, nil)
}

// CheckUsername says early (e.g. when the username field loses focus)
// whether a name can be had on srv: the local rules first, then the
// server's GET /register/available. nil means it looks free; only
// KindInvalidUsername, KindUsernameTaken and the network kinds come back,
// since a server that cannot answer this still lets Register try.
func CheckUsername(ctx context.Context, srv *Server, username string) error {
	if srv == nil {
		return &Error{Kind: KindBadServerName, Reason: ReasonNoServer}
	}
	local, err := checkUsername(username, srv.Name)
	if err != nil {
		return err
	}
	return usernameAvailable(ctx, srv, local)
}

// usernameAvailable asks GET /register/available. Only a clear "taken" or
// "invalid" (or no network at all) is reported; anything else (endpoint
// missing, rate limited) is left for the registration itself to explain.
func usernameAvailable(ctx context.Context, srv *Server, local string) error {
	api, err := newAPI(srv.BaseURL)
	if err != nil {
		return badServerName(srv.BaseURL, err)
	}
	var resp struct {
		Available bool `json:"available"`
	}
	u := api.BuildURLWithQuery(mautrix.ClientURLPath{"v3", "register", "available"}, map[string]string{"username": local})
	_, err = api.MakeRequest(ctx, http.MethodGet, u, nil, &resp)
	if err == nil {
		return nil
	}
	cerr := classify(err, opRegister)
	switch KindOf(cerr) {
	case KindUsernameTaken, KindInvalidUsername, KindUnreachable, KindNetworkDown, KindCanceled, KindCORS:
		return cerr
	}
	return nil
}

// ResumeRegistration continues a Registration that was waiting for the
// reader. req carries what they did: AcceptTerms, RegistrationToken; its
// Username and Password may be left empty to keep the earlier ones. After a
// StepBrowser, call it once the reader says they finished on the server's
// page; if they had not, the same step comes back.
func ResumeRegistration(ctx context.Context, reg *Registration, req RegisterRequest) (*Registration, error) {
	if reg == nil || reg.server == nil {
		return nil, &Error{Kind: KindUnknown, Reason: ReasonNoSignUp}
	}
	if reg.Step == StepDone {
		return reg, nil
	}
	next := *reg
	if req.Username != "" {
		local, err := checkUsername(req.Username, reg.server.Name)
		if err != nil {
			return nil, err
		}
		next.req.Username = local
	}
	if req.Password != "" {
		next.req.Password = req.Password
	}
	if req.InitialDeviceName != "" {
		next.req.InitialDeviceName = req.InitialDeviceName
	}
	next.req.AcceptTerms = next.req.AcceptTerms || req.AcceptTerms
	if req.RegistrationToken != "" {
		next.req.RegistrationToken = req.RegistrationToken
	}
	if req.Email != "" {
		next.req.Email = req.Email
	}
	var auth map[string]any
	if reg.Step == StepBrowser || len(reg.flows) == 0 {
		// After a fallback page the spec has the client send just the
		// session; the server then reports the stage as completed. A
		// restored sign-up asks the same way for its flows.
		auth = map[string]any{"session": reg.session}
	}
	return next.run(ctx, auth)
}

// The cases of a sign-up that fails on the way.
const (
	ReasonNoSignUp      Reason = "no_signup"       // KindUnknown: nothing to resume
	ReasonStageRepeated Reason = "stage_repeated"  // KindUnsupportedStage: the same stage again, and no reason given
	ReasonTooManyRounds Reason = "too_many_rounds" // KindUnsupportedStage: maxUIARounds passed
	ReasonPhoneStage    Reason = "phone_stage"     // KindUnsupportedStage: the flows need a phone check
	ReasonStageRefused  Reason = "stage_refused"   // KindUnsupportedStage: the stage sent was refused
	ReasonTermsRefused  Reason = "terms_refused"   // KindTermsRequired: the accepted terms were refused
	ReasonNoUserID      Reason = "no_user_id"      // KindUnknown: the account was made, but the answer names none
	ReasonReadyLogIn    Reason = "ready_log_in"    // KindUnknown: the account (User) exists, but a restored sign-up has no password to sign in with
)

// maxUIARounds stops a server that never finishes from looping us forever.
const maxUIARounds = 12

// run drives the UIA rounds from the current state. firstAuth, when set, is
// sent before choosing a stage (the resume-after-fallback case).
func (r *Registration) run(ctx context.Context, firstAuth map[string]any) (*Registration, error) {
	api, err := newAPI(r.server.BaseURL)
	if err != nil {
		return nil, badServerName(r.server.BaseURL, err)
	}
	body := registerBody{
		Username:                 r.req.Username,
		Password:                 r.req.Password,
		InitialDeviceDisplayName: r.req.InitialDeviceName,
		// A sign-up restored after a reload has no username or password
		// to send, and must send nothing else beside auth: Synapse falls
		// back to the parameters kept with its session only when the
		// body holds no others, and would otherwise make up a username.
		// Its session then gets a token that does not expire.
		RefreshToken: r.req.Username != "",
	}
	auth := firstAuth
	// Post first when there is no UIA session yet (ask for the flows) or
	// when resuming after a fallback page (ask what is completed now).
	// Resuming after terms or a token goes straight to sending that stage
	// from the state we kept.
	post := r.session == "" || firstAuth != nil
	if r.session == "" {
		auth = nil
	}
	var lastStage string
	for range maxUIARounds {
		prevCompleted := len(r.completed)
		if post {
			body.Auth = auth
			done, uia, err := postRegister(ctx, api, body)
			if err != nil {
				if KindOf(err) == KindUnsupported || KindOf(err) == KindNotMatrix {
					if r.server.Auth.OAuth {
						return nil, oauthOnlyError(r.server, true)
					}
				}
				return nil, err
			}
			if done != nil {
				return r.finish(ctx, api, done)
			}
			if uia.Session != "" {
				r.session = uia.Session
			}
			r.flows = uia.Flows
			r.completed = uia.Completed
			if uia.Params != nil {
				r.params = uia.Params
			}
			if lastStage == stageEmail && !slices.Contains(r.completed, stageEmail) {
				// The link is not opened yet: keep waiting.
				return r.emailNotYet(), nil
			}
			if uia.ErrCode != "" && lastStage != "" && len(r.completed) <= prevCompleted {
				// The stage we just sent was refused.
				return nil, stageError(lastStage, uia)
			}
		}
		post = true

		stage, err := r.pickStage(ctx)
		if err != nil {
			return nil, err
		}
		if stage == "" {
			// Every stage done but no account: ask once more with the
			// session only, as after a fallback.
			auth = map[string]any{"session": r.session}
			lastStage = ""
			continue
		}
		if stage == lastStage && len(r.completed) <= prevCompleted {
			return nil, &Error{Kind: KindUnsupportedStage, Reason: ReasonStageRepeated, Stages: []string{stage}}
		}
		switch stage {
		case stageDummy:
			auth = map[string]any{"type": stageDummy, "session": r.session}
		case stageTerms:
			if !r.req.AcceptTerms {
				return r.waiting(StepAcceptTerms, stage), nil
			}
			auth = map[string]any{"type": stageTerms, "session": r.session}
		case stageToken, stageTokenUnstable:
			if strings.TrimSpace(r.req.RegistrationToken) == "" {
				return r.waiting(StepToken, stage), nil
			}
			auth = map[string]any{"type": stage, "token": strings.TrimSpace(r.req.RegistrationToken), "session": r.session}
		case stageEmail:
			wait, a, err := r.emailStage(ctx)
			if err != nil || wait != nil {
				return wait, err
			}
			auth = a
		default:
			if firstAuth != nil && lastStage == "" && stage == r.Stage {
				// Resumed after the fallback page but the server does
				// not count the step as done yet.
				w := r.waiting(StepBrowser, stage)
				w.NotDoneYet = true
				return w, nil
			}
			return r.waiting(StepBrowser, stage), nil
		}
		lastStage = stage
	}
	return nil, &Error{Kind: KindUnsupportedStage, Reason: ReasonTooManyRounds}
}

// pickStage chooses the flow and returns its next stage. A stage the guide
// cannot do inline is only chosen if the server really has a fallback page
// for it; otherwise the next best flow is tried, and when none is left the
// reader gets KindUnsupportedStage instead of a link to an error page.
func (r *Registration) pickStage(ctx context.Context) (string, error) {
	for {
		flows := make([]uiaFlow, 0, len(r.flows))
		for _, f := range r.flows {
			if !slices.ContainsFunc(f.Stages, func(s string) bool { return r.noFallback[s] }) {
				flows = append(flows, f)
			}
		}
		flow, ok := chooseFlow(flows, false, r.completed...)
		if !ok {
			flow, ok = chooseFlow(flows, true, r.completed...)
		}
		if !ok {
			return "", unsupportedStages(r.flows)
		}
		stage := nextStage(flow, r.completed)
		if _, inline := inlineStages[stage]; inline || stage == "" {
			return stage, nil
		}
		if fallbackExists(ctx, fallbackURL(r.server.BaseURL, stage, r.session)) {
			return stage, nil
		}
		if r.noFallback == nil {
			r.noFallback = map[string]bool{}
		}
		r.noFallback[stage] = true
	}
}

// fallbackExists asks for the fallback page. Only a definite "no such page"
// (404, or a Matrix M_UNRECOGNIZED) counts as missing: if the question
// itself fails (network, or a browser refusing to let us read the answer),
// the page is assumed to exist and the reader will see for themselves.
func fallbackExists(ctx context.Context, u string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return true
	}
	res, err := send(httpClient, req)
	if err != nil {
		return true
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	if res.StatusCode == http.StatusNotFound {
		return false
	}
	return !(res.StatusCode >= 400 && strings.Contains(string(body), "M_UNRECOGNIZED"))
}

// unsupportedStages is KindUnsupportedStage with every stage the server's
// flows ask for; a phone check among them is what most often stops a
// sign-up here, so it has its own Reason.
func unsupportedStages(flows []uiaFlow) *Error {
	out := &Error{Kind: KindUnsupportedStage}
	for _, f := range flows {
		for _, s := range f.Stages {
			if !slices.Contains(out.Stages, s) {
				out.Stages = append(out.Stages, s)
			}
		}
	}
	if slices.Contains(out.Stages, StageMSISDN) {
		out.Reason = ReasonPhoneStage
	}
	return out
}

func (r *Registration) waiting(step Step, stage string) *Registration {
	out := *r
	out.Step, out.Stage, out.NotDoneYet = step, stage, false
	out.Session, out.Terms, out.FallbackURL = nil, nil, ""
	switch step {
	case StepAcceptTerms:
		out.Terms = parsePolicies(r.params[stageTerms])
	case StepBrowser:
		out.FallbackURL = fallbackURL(r.server.BaseURL, stage, r.session)
	}
	return &out
}

// fallbackURL is the spec's web fallback page for a stage the client
// cannot do itself: the server renders it and marks the stage done.
func fallbackURL(base, stage, session string) string {
	return strings.TrimRight(base, "/") + "/_matrix/client/v3/auth/" + url.PathEscape(stage) +
		"/fallback/web?session=" + url.QueryEscape(session)
}

// stageError sorts out why the server refused the stage we sent.
func stageError(stage string, uia *uiaResponse) error {
	cause := fmt.Errorf("%s: %s", uia.ErrCode, uia.Error)
	switch stage {
	case stageToken, stageTokenUnstable:
		return &Error{Kind: KindBadRegistrationToken, Err: cause}
	case stageTerms:
		return &Error{Kind: KindTermsRequired, Reason: ReasonTermsRefused, Err: cause}
	}
	if e := classifyResp(&mautrix.RespError{ErrCode: uia.ErrCode, Err: uia.Error, StatusCode: http.StatusUnauthorized}, nil, opRegister, cause); e.Kind != KindUnknown {
		return e
	}
	return &Error{Kind: KindUnsupportedStage, Reason: ReasonStageRefused, Stages: []string{stage}, Err: cause}
}

// finish turns the server's final answer into a Session. A server that
// created the account without signing it in (no access token) gets a
// password login, so the reader ends up signed in either way.
func (r *Registration) finish(ctx context.Context, api *mautrix.Client, done *mautrix.RespRegister) (*Registration, error) {
	if done.AccessToken == "" && r.req.Password == "" {
		// A restored sign-up has no password to log in with.
		return nil, &Error{Kind: KindUnknown, Reason: ReasonReadyLogIn, User: done.UserID.String()}
	}
	if done.AccessToken == "" {
		s, err := Login(ctx, r.server, LoginRequest{User: done.UserID.String(), Password: r.req.Password, InitialDeviceName: r.req.InitialDeviceName})
		if err != nil {
			return nil, err
		}
		return &Registration{Step: StepDone, Session: s, server: r.server, ViaLogin: true}, nil
	}
	s := &Session{
		HomeserverURL: r.server.BaseURL,
		UserID:        done.UserID,
		DeviceID:      done.DeviceID,
		AccessToken:   done.AccessToken,
		RefreshToken:  done.RefreshToken,
	}
	// The lifetime counts from the answer; the request's own time is lost
	// by now, which errs on the side of renewing early.
	s.setLifetime(time.Now(), done.ExpiresInMS)
	return &Registration{Step: StepDone, Session: s, server: r.server}, nil
}
