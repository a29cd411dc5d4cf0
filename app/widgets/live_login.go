package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// loginForm signs in with an existing account (widget login): a full user
// ID, or a username plus its server, and the password. The session is kept
// in the browser, so the reader stays signed in across chapters and
// reloads until they log out.
type loginForm struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	user         string
	server       string
	serverEdited bool // typed by the reader, no longer following the picker
	password     string
	showPass     bool
	busy         bool
	errs         live.FormErrors
}

func newLoginForm(m *live.Model, lang string) *loginForm {
	return &loginForm{Imodel: m, Ilang: lang}
}

func (f *loginForm) OnMount(ctx app.Context) {
	WatchLive(ctx, f.Imodel)
}

// serverValue is what the server field shows: the reader's own text, or
// else the server picked earlier in the guide.
func (f *loginForm) serverValue(v live.View) string {
	if f.serverEdited {
		return f.server
	}
	if v.Server != nil {
		return v.Server.Name
	}
	return v.ServerInput
}

func (f *loginForm) Render() app.UI {
	v := f.Imodel.Now()
	t := words.For(f.Ilang)
	if v.SignedIn || v.Restoring {
		return f.renderSignedIn(t, v)
	}
	disabled := ui.Prerendered || f.busy
	server := f.serverValue(v)
	serverHint := t.Say("live.login.server_hint")
	if live.IsFullUserID(f.user) {
		serverHint = t.Say("live.login.server_hint_from_id")
	}
	return app.Div().Class("live-widget").Body(
		app.Form().
			ID("login-form").
			Class("live-form").
			OnSubmit(f.onSubmit).
			Body(
				field("login-user", t.Say("live.login.user_label"),
					textInput("login-user", "text", t.Say("live.login.user_placeholder"), "username",
						describedBy("login-user", "", f.errs[live.FieldUsername]), f.errs[live.FieldUsername] != "", disabled,
						func(ctx app.Context, e app.Event) { f.user = inputValue(ctx) }),
					"", f.errs[live.FieldUsername]),
				field("login-server", t.Say("live.form.server_label"),
					prefill(textInput("login-server", "text", t.Say("live.form.server_placeholder"), "url",
						describedBy("login-server", serverHint, f.errs[live.FieldServer]), f.errs[live.FieldServer] != "", disabled,
						func(ctx app.Context, e app.Event) { f.server, f.serverEdited = inputValue(ctx), true }).
						OnChange(f.onServerDone),
						!f.serverEdited, server),
					serverHint, f.errs[live.FieldServer]),
				field("login-password", t.Say("live.form.password_label"),
					passwordControl(t,
						textInput("login-password", passwordType(f.showPass), "", "current-password",
							describedBy("login-password", "", f.errs[live.FieldPassword]), f.errs[live.FieldPassword] != "", disabled,
							func(ctx app.Context, e app.Event) { f.password = inputValue(ctx) }),
						"login-password", f.showPass, ui.Prerendered,
						func(ctx app.Context, e app.Event) { f.showPass = !f.showPass }),
					"", f.errs[live.FieldPassword]),
				formError("login-form", f.errs[live.FieldForm]),
				app.Div().Class("live-actions").Body(
					submitButton("login-submit", t.Say("live.login.submit"), t.Say("live.login.submitting"), f.busy, ui.Prerendered),
				),
			),
		// Below the form, so it never moves the fields (see textInput).
		newOAuthChoice(f.Imodel, f.Ilang, "login", false),
		newSSOChoices(f.Imodel, f.Ilang, "login", t.Say("live.login.sso_lead")),
		app.If(v.AccountNote != "", app.P().Class("live-note").Role("status").Text(v.AccountNote)),
	)
}

func (f *loginForm) renderSignedIn(t *words.Words, v live.View) app.UI {
	if v.Restoring {
		return checkingSignIn(t, v)
	}
	return app.Div().Class("live-widget").Body(
		app.P().Class("live-success").Role("status").Text(t.Say("live.login.signed_in", "user", string(v.UserID))),
		app.P().Text(t.Say("live.login.remembers")),
		nextFirstMessage(f.Ilang, t),
	)
}

func (f *loginForm) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if f.busy {
		return
	}
	v := f.Imodel.Now()
	form := live.LogInForm{User: f.user, Server: f.serverValue(v), Password: f.password}
	f.busy = true
	f.errs = live.FormErrors{}
	ctx.Async(func() {
		err := f.Imodel.LogIn(v, form)
		ui.DispatchTo(ctx, f, func() {
			f.busy = false
			f.errs = f.Imodel.FormErrors(err, live.LoginFields...)
			if err == nil {
				f.password = ""
			}
		})
	})
}

// onServerDone checks the server the reader typed once they leave the
// field, so its other ways in (single sign-on) can be offered.
func (f *loginForm) onServerDone(ctx app.Context, e app.Event) {
	v := f.Imodel.Now()
	if f.server != "" && f.server != v.ServerInput && (v.Server == nil || f.server != v.Server.Name) {
		f.Imodel.PickServer(f.server)
	}
}
