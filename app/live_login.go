package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// loginForm signs in with an existing account (widget login): a full user
// ID, or a username plus its server, and the password. The session is kept
// in the browser, so the reader stays signed in across chapters and
// reloads until they log out.
type loginForm struct {
	app.Compo

	user         string
	server       string
	serverEdited bool // typed by the reader, no longer following the picker
	password     string
	showPass     bool
	busy         bool
	errs         live.FormErrors
}

func newLoginForm() *loginForm {
	return &loginForm{}
}

func (f *loginForm) OnMount(ctx app.Context) {
	watchLive(ctx)
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
	v := live.Now()
	if v.SignedIn || v.Restoring {
		return f.renderSignedIn(v)
	}
	disabled := prerendered || f.busy
	server := f.serverValue(v)
	serverHint := "Not needed when you type your full user ID, like @alice:example.org."
	if live.IsFullUserID(f.user) {
		serverHint = "Taken from your user ID."
	}
	return app.Div().Class("live-widget").Body(
		app.Form().
			ID("login-form").
			Class("live-form").
			OnSubmit(f.onSubmit).
			Body(
				field("login-user", "User ID or username",
					textInput("login-user", "text", "@alice:example.org", "username",
						describedBy("login-user", "", f.errs[live.FieldUsername]), f.errs[live.FieldUsername] != "", disabled,
						func(ctx app.Context, e app.Event) { f.user = inputValue(ctx) }),
					"", f.errs[live.FieldUsername]),
				field("login-server", "Server",
					prefill(textInput("login-server", "text", "example.org", "url",
						describedBy("login-server", serverHint, f.errs[live.FieldServer]), f.errs[live.FieldServer] != "", disabled,
						func(ctx app.Context, e app.Event) { f.server, f.serverEdited = inputValue(ctx), true }).
						OnChange(f.onServerDone),
						!f.serverEdited, server),
					serverHint, f.errs[live.FieldServer]),
				field("login-password", "Password",
					passwordControl(
						textInput("login-password", passwordType(f.showPass), "", "current-password",
							describedBy("login-password", "", f.errs[live.FieldPassword]), f.errs[live.FieldPassword] != "", disabled,
							func(ctx app.Context, e app.Event) { f.password = inputValue(ctx) }),
						"login-password", f.showPass, prerendered,
						func(ctx app.Context, e app.Event) { f.showPass = !f.showPass }),
					"", f.errs[live.FieldPassword]),
				formError("login-form", f.errs[live.FieldForm]),
				app.Div().Class("live-actions").Body(
					submitButton("login-submit", "Log in", "Logging in…", f.busy, prerendered),
				),
			),
		// Below the form, so it never moves the fields (see textInput).
		newOAuthChoice("login", false),
		newSSOChoices("login", "Or log in through another service:"),
		app.If(v.AccountNote != "", app.P().Class("live-note").Role("status").Text(v.AccountNote)),
	)
}

func (f *loginForm) renderSignedIn(v live.View) app.UI {
	if v.Restoring {
		return app.Div().Class("live-widget").Body(
			app.P().Role("status").Text("Checking your sign-in as " + string(v.UserID) + "…"),
		)
	}
	return app.Div().Class("live-widget").Body(
		app.P().Class("live-success").Role("status").Text("You are signed in as "+string(v.UserID)+"."),
		app.P().Text("This page remembers the session until you log out with the button at the top of the page, "+
			"which also ends it on the server."),
		app.P().Body(app.Text("Next: "), chapterLink("first-message", "send your first message"), app.Text(".")),
	)
}

func (f *loginForm) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if f.busy {
		return
	}
	v := live.Now()
	form := live.LogInForm{User: f.user, Server: f.serverValue(v), Password: f.password}
	f.busy = true
	f.errs = live.FormErrors{}
	ctx.Async(func() {
		err := live.LogIn(v, form)
		dispatchTo(ctx, f, func() {
			f.busy = false
			f.errs.Set(err, live.LoginFields...)
			if err == nil {
				f.password = ""
			}
		})
	})
}

// onServerDone checks the server the reader typed once they leave the
// field, so its other ways in (single sign-on) can be offered.
func (f *loginForm) onServerDone(ctx app.Context, e app.Event) {
	v := live.Now()
	if f.server != "" && f.server != v.ServerInput && (v.Server == nil || f.server != v.Server.Name) {
		live.PickServer(f.server)
	}
}
