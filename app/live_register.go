package main

import (
	"context"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/matrix"
)

// registerTimeout bounds one round of sign-up (the server hashing a
// password on a small machine can take a few seconds).
const registerTimeout = 90 * time.Second

// registerFields are the places the sign-up form can show an error.
var registerFields = []string{fieldServer, fieldUsername, fieldPassword, fieldToken, fieldTerms}

// registerForm creates an account on the chosen server (widget register):
// the server's verdict on top, then username (with the user ID it will
// give), password, and whatever else the server asks for: its terms, an
// invitation code, or a step on its own web page. The core drives the
// sign-up; this only collects input and shows the steps.
type registerForm struct {
	app.Compo
	splitsMount

	running  bool
	username string
	password string
	token    string
	accepted bool
	showPass bool
	busy     bool
	errs     formErrors

	// pending is a sign-up the server is waiting on (terms, a code, a
	// step in another tab), for pendingServer; done is the success message.
	pending       *matrix.Registration
	pendingServer string
	done          string
}

func newRegisterForm() *registerForm {
	return &registerForm{}
}

func (f *registerForm) OnMount(ctx app.Context) {
	f.running = true
	live.watch(ctx)
}

func (f *registerForm) Render() app.UI {
	v := live.view()
	if f.done != "" && v.SignedIn {
		return f.renderDone(v)
	}
	if v.SignedIn || v.Restoring {
		return app.Div().Class("live-widget").Body(
			app.P().Text("You are signed in as "+string(v.UserID)+". To create another account, log out first with the button at the top of the page."),
			app.P().Body(app.Text("Next: "), chapterLink("first-message", "send your first message"), app.Text(".")),
		)
	}
	pending := f.pending
	if pending != nil && f.pendingServer != v.ServerInput {
		pending = nil // the reader picked another server since
	}
	return app.Div().Class("live-widget").Body(
		newServerPicker().Compact("register"),
		f.renderForm(v, pending),
	)
}

func (f *registerForm) renderForm(v liveView, pending *matrix.Registration) app.UI {
	canTry := v.Server != nil && verdictFor(v.Server).CanRegister()
	serverName := ""
	if v.Server != nil {
		serverName = v.Server.Name
	}
	disabled := !f.running || f.busy

	userHint := "Small letters a to z, digits and . _ = - / only."
	if preview := userIDPreview(f.username, serverName); preview != "" {
		userHint = "Your user ID will be " + preview
	}
	strength := ratePassword(f.password)
	passHint := ""
	if strength.Level > 0 {
		passHint = "Strength: " + strength.Label + ". " + strength.Advice
	}

	needToken := (v.Server != nil && v.Server.Auth.RegistrationNeedsToken) || (pending != nil && pending.Step == matrix.StepToken)
	terms := []matrix.Policy(nil)
	if v.Server != nil && v.Server.Auth.RegistrationNeedsTerms {
		terms = v.Server.Auth.Terms
	}
	if pending != nil && pending.Step == matrix.StepAcceptTerms {
		terms = pending.Terms
	}
	needTerms := len(terms) > 0 || (pending != nil && pending.Step == matrix.StepAcceptTerms)

	return app.Form().
		ID("register-form").
		Class("live-form").
		OnSubmit(f.onSubmit).
		Body(
			field("register-username", "Username",
				textInput("register-username", "text", "alice", "username",
					describedBy("register-username", userHint, f.errs[fieldUsername]), f.errs[fieldUsername] != "", disabled,
					f.onUsername).OnChange(f.onUsernameDone),
				userHint, f.errs[fieldUsername]),
			field("register-password", "Password",
				passwordControl(
					textInput("register-password", passwordType(f.showPass), "", "new-password",
						describedBy("register-password", passHint, f.errs[fieldPassword]), f.errs[fieldPassword] != "", disabled,
						f.onPassword),
					"register-password", f.showPass, !f.running, f.onTogglePassword),
				passHint, f.errs[fieldPassword]),
			app.If(needToken,
				field("register-token", "Invitation code (registration token)",
					textInput("register-token", "text", "", "off",
						describedBy("register-token", "", f.errs[fieldToken]), f.errs[fieldToken] != "", disabled,
						func(ctx app.Context, e app.Event) { f.token = inputValue(ctx) }),
					"", f.errs[fieldToken]),
			),
			app.If(needTerms, f.renderTerms(terms, disabled)),
			when(pending != nil && pending.Step == matrix.StepBrowser, func() app.UI { return f.renderBrowserStep(pending) }),
			formError("register-form", f.errs[fieldForm]),
			app.Div().Class("live-actions").Body(
				app.If(pending == nil || pending.Step != matrix.StepBrowser,
					submitButton("register-submit", "Create account", "Creating…", f.busy, !f.running || !canTry),
				),
			),
		)
}

func (f *registerForm) renderDone(v liveView) app.UI {
	return app.Div().Class("live-widget live-done").Body(
		app.P().Class("live-success").Role("status").Text(f.done),
		app.P().Text("Write down your user ID, "+string(v.UserID)+": it is how people find you, and how you sign in elsewhere."),
		app.P().Body(
			app.Text("Next: "), chapterLink("login", "how logging in works"),
			app.Text(", or go straight to "), chapterLink("first-message", "sending your first message"), app.Text("."),
		),
	)
}

func passwordType(shown bool) string {
	if shown {
		return "text"
	}
	return "password"
}

func (f *registerForm) onUsername(ctx app.Context, e app.Event) {
	f.username = inputValue(ctx)
	delete(f.errs, fieldUsername)
}

// onUsernameDone asks the server early, when the reader leaves the field,
// whether the name is free, so "taken" is known before the password is
// even typed.
func (f *registerForm) onUsernameDone(ctx app.Context, e app.Event) {
	srv := live.view().Server
	name := f.username
	if srv == nil || name == "" {
		return
	}
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		err := matrix.CheckUsername(c, srv, name)
		dispatchTo(ctx, f, func() {
			if f.username != name || f.busy {
				return // typed on, or already submitting: that answer is stale
			}
			delete(f.errs, fieldUsername)
			if err != nil && fieldForError(err, registerFields...) == fieldUsername {
				f.errs.put(fieldUsername, matrix.Message(err))
			}
		})
	})
}

func (f *registerForm) onPassword(ctx app.Context, e app.Event) {
	f.password = inputValue(ctx)
	delete(f.errs, fieldPassword)
}

func (f *registerForm) onTogglePassword(ctx app.Context, e app.Event) {
	f.showPass = !f.showPass
}

func (f *registerForm) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	f.run(ctx)
}

func (f *registerForm) onContinue(ctx app.Context, e app.Event) {
	f.run(ctx)
}

// run starts the sign-up, or continues the one the server is waiting on.
func (f *registerForm) run(ctx app.Context) {
	v := live.view()
	if f.busy || v.Server == nil {
		return
	}
	pending := f.pending
	if f.pendingServer != v.ServerInput {
		pending = nil
	}
	if pending != nil && pending.Step == matrix.StepAcceptTerms && !f.accepted {
		// Nothing to ask the server yet: say what is missing, at the box.
		f.errs = formErrors{fieldTerms: "Please read the terms, then tick the box to accept them."}
		return
	}
	srv, server := v.Server, v.ServerInput
	req := matrix.RegisterRequest{
		Username:          f.username,
		Password:          f.password,
		InitialDeviceName: deviceName,
		AcceptTerms:       f.accepted,
		RegistrationToken: f.token,
	}
	f.busy = true
	f.errs = formErrors{}
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), registerTimeout)
		defer cancel()
		var reg *matrix.Registration
		var err error
		if pending != nil {
			reg, err = matrix.ResumeRegistration(c, pending, req)
		} else {
			reg, err = matrix.Register(c, srv, req)
		}
		if err == nil && reg.Step == matrix.StepDone {
			// Signed in here, not in the Dispatch below: a reader who has
			// moved on to another chapter meanwhile still ends up signed in.
			err = live.signIn(*reg.Session)
		}
		dispatchTo(ctx, f, func() {
			f.busy = false
			f.errs.set(err, registerFields...)
			switch {
			case err != nil:
			case reg.Step == matrix.StepDone:
				f.done, f.pending, f.password = reg.Message, nil, ""
			default:
				f.pending, f.pendingServer = reg, server
			}
		})
	})
}
