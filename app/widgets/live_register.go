package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// registerForm creates an account on the chosen server (widget register):
// the server's verdict on top, then username (with the user ID it will
// give), password, and whatever else the server asks for: its terms, an
// invitation code, or a step on its own web page. The core drives the
// sign-up; this only collects input and shows the steps.
type registerForm struct {
	app.Compo
	ui.SplitsMount

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	username string
	password string
	token    string
	email    string
	accepted bool
	showPass bool
	busy     bool
	errs     live.FormErrors

	// pending is a sign-up the server is waiting on (terms, a code, a
	// step in another tab), for pendingServer; done is the success message.
	pending       *live.SignUp
	pendingServer string
	done          string

	// The email step (live_register_email.go): stopWaiting ends the
	// polling for the link; editEmail shows the field to change address.
	stopWaiting func()
	editEmail   bool
	emailChecks int
}

func newRegisterForm(m *live.Model, lang string) *registerForm {
	return &registerForm{Imodel: m, Ilang: lang}
}

func (f *registerForm) OnMount(ctx app.Context) {
	WatchLive(ctx, f.Imodel)
	f.resumeEmailWait(ctx)
}

func (f *registerForm) Render() app.UI {
	v := f.Imodel.Now()
	t := words.For(f.Ilang)
	done := f.done
	if done == "" {
		done = f.Imodel.SSONow().Done // back from signing up through another service
	}
	if done == "" {
		done = f.Imodel.OAuthNow().Done // back from the server's own sign-up page
	}
	if done != "" && v.SignedIn {
		return f.renderDone(t, v, done)
	}
	if v.SignedIn || v.Restoring {
		return app.Div().Class("live-widget").Body(
			app.P().Text(t.Say("live.register.signed_in", "user", string(v.UserID))),
			nextFirstMessage(f.Ilang, t),
		)
	}
	pending := f.pending
	if pending != nil && f.pendingServer != v.ServerInput {
		pending = nil // the reader picked another server since
	}
	if pending != nil && pending.Step == live.StepEmailSent {
		return app.Div().Class("live-widget").Body(
			newServerPicker(f.Imodel, f.Ilang).Compact("register"),
			f.renderEmailSent(t, pending),
		)
	}
	ssoOnly := v.Server != nil && v.Server.Verdict.Kind == live.VerdictSSO
	oauth := v.Server != nil && v.Server.Verdict.Kind == live.VerdictOAuth
	lead := t.Say("live.register.sso_lead")
	if ssoOnly {
		lead = t.Say("live.register.sso_only_lead")
	}
	return app.Div().Class("live-widget").Body(
		newServerPicker(f.Imodel, f.Ilang).Compact("register"),
		ui.When(!ssoOnly && !oauth, func() app.UI { return f.renderForm(t, v, pending) }),
		newOAuthChoice(f.Imodel, f.Ilang, "register", true),
		newSSOChoices(f.Imodel, f.Ilang, "register", lead),
	)
}

func (f *registerForm) renderForm(t *words.Words, v live.View, pending *live.SignUp) app.UI {
	canTry := v.Server != nil && v.Server.Verdict.CanRegister()
	serverName := ""
	if v.Server != nil {
		serverName = v.Server.Name
	}
	disabled := ui.Prerendered || f.busy

	userHint := t.Say("live.register.username_hint")
	if preview := live.UserIDPreview(f.username, serverName); preview != "" {
		userHint = t.Say("live.register.user_id_preview", "user", preview)
	}
	strength := ratePassword(t, f.password)
	passHint := ""
	if strength.Level > 0 {
		passHint = t.Say("live.register.strength", "strength", strength.Label, "advice", strength.Advice)
	}

	needToken := (v.Server != nil && v.Server.NeedsToken) || (pending != nil && pending.Step == live.StepToken)
	terms, needTerms := termsToAccept(v, pending)
	needEmail := (v.Server != nil && v.Server.NeedsEmail) || (pending != nil && pending.Step == live.StepEmail)

	return app.Form().
		ID("register-form").
		Class("live-form").
		OnSubmit(f.onSubmit).
		Body(
			field("register-username", t.Say("live.register.username_label"),
				textInput("register-username", "text", t.Say("live.register.username_placeholder"), "username",
					describedBy("register-username", userHint, f.errs[live.FieldUsername]), f.errs[live.FieldUsername] != "", disabled,
					f.onUsername).OnChange(f.onUsernameDone),
				userHint, f.errs[live.FieldUsername]),
			field("register-password", t.Say("live.form.password_label"),
				passwordControl(t,
					textInput("register-password", passwordType(f.showPass), "", "new-password",
						describedBy("register-password", passHint, f.errs[live.FieldPassword]), f.errs[live.FieldPassword] != "", disabled,
						f.onPassword),
					"register-password", f.showPass, ui.Prerendered, f.onTogglePassword),
				passHint, f.errs[live.FieldPassword]),
			app.If(needToken,
				field("register-token", t.Say("live.register.token_label"),
					textInput("register-token", "text", "", "off",
						describedBy("register-token", "", f.errs[live.FieldToken]), f.errs[live.FieldToken] != "", disabled,
						f.onToken).OnChange(f.onTokenDone),
					"", f.errs[live.FieldToken]),
			),
			app.If(needEmail, f.renderEmailField(t, pending, disabled)),
			app.If(needTerms, f.renderTerms(t, terms, disabled)),
			ui.When(pending != nil && pending.Step == live.StepBrowser, func() app.UI { return f.renderBrowserStep(t, pending) }),
			formError("register-form", f.errs[live.FieldForm]),
			app.Div().Class("live-actions").Body(
				app.If(pending == nil || pending.Step != live.StepBrowser,
					submitButton("register-submit", t.Say("live.register.submit"), t.Say("live.register.submitting"), f.busy, ui.Prerendered || !canTry),
				),
			),
		)
}

func (f *registerForm) renderDone(t *words.Words, v live.View, done string) app.UI {
	return app.Div().Class("live-widget live-done").Body(
		app.P().Class("live-success").Role("status").Text(done),
		app.P().Text(t.Say("live.register.write_down", "user", string(v.UserID))),
		app.P().Body(sentenceWith(t.Say("live.register.next"), map[string]app.UI{
			"login":         chapterLink(f.Ilang, "login", t.Say("live.register.next_login")),
			"first_message": chapterLink(f.Ilang, "first-message", t.Say("live.register.next_first_message")),
		})...),
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
	delete(f.errs, live.FieldUsername)
}

// onUsernameDone asks the server early, when the reader leaves the field,
// whether the name is free, so "taken" is known before the password is
// even typed.
func (f *registerForm) onUsernameDone(ctx app.Context, e app.Event) {
	srv := f.Imodel.Now().Server
	name := f.username
	if srv == nil || name == "" {
		return
	}
	ctx.Async(func() {
		err := live.CheckUsername(srv, name)
		ui.DispatchTo(ctx, f, func() {
			if f.username != name || f.busy {
				return // typed on, or already submitting: that answer is stale
			}
			delete(f.errs, live.FieldUsername)
			if err != nil && live.FieldFor(err, live.RegisterFields...) == live.FieldUsername {
				f.errs.Put(live.FieldUsername, f.Imodel.Message(err))
			}
		})
	})
}

func (f *registerForm) onPassword(ctx app.Context, e app.Event) {
	f.password = inputValue(ctx)
	delete(f.errs, live.FieldPassword)
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
	v := f.Imodel.Now()
	if f.busy || v.Server == nil {
		return
	}
	pending := f.pending
	if f.pendingServer != v.ServerInput {
		pending = nil
	}
	if _, shown := termsToAccept(v, pending); shown && !f.accepted {
		// Nothing to ask the server yet: say what is missing, at the box.
		f.errs = live.FormErrors{live.FieldTerms: f.Imodel.Say(live.TermsNotTicked)}
		return
	}
	srv, server := v.Server, v.ServerInput
	form := live.SignUpForm{
		Username:          f.username,
		Password:          f.password,
		AcceptTerms:       f.accepted,
		RegistrationToken: f.token,
		Email:             f.email,
	}
	f.busy = true
	f.errs = live.FormErrors{}
	ctx.Async(func() {
		reg, err := f.Imodel.Register(srv, pending, form)
		ui.DispatchTo(ctx, f, func() {
			f.busy = false
			f.errs = f.Imodel.FormErrors(err, live.RegisterFields...)
			switch {
			case err != nil:
			case reg.Step == live.StepDone:
				f.done, f.pending, f.password = reg.Message, nil, ""
			default:
				f.pending, f.pendingServer, f.editEmail = reg, server, false
				switch reg.Step {
				case live.StepEmailSent:
					f.waitForEmail(ctx, reg)
				case live.StepToken:
					f.errs.Put(live.FieldToken, f.Imodel.Say(live.TokenNeeded))
				}
			}
		})
	})
}
