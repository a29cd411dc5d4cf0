package main

import (
	"context"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/matrix"
)

// loginFields are the places the log-in form can show an error.
var loginFields = []string{fieldServer, fieldUsername, fieldPassword}

// loginForm signs in with an existing account (widget login): a full user
// ID, or a username plus its server, and the password. The session is kept
// in the browser, so the reader stays signed in across chapters and
// reloads until they log out.
type loginForm struct {
	app.Compo

	running      bool
	user         string
	server       string
	serverEdited bool // typed by the reader, no longer following the picker
	password     string
	showPass     bool
	busy         bool
	errs         formErrors
}

func newLoginForm() *loginForm {
	return &loginForm{}
}

func (f *loginForm) OnMount(ctx app.Context) {
	f.running = true
	live.watch(ctx)
}

// serverValue is what the server field shows: the reader's own text, or
// else the server picked earlier in the guide.
func (f *loginForm) serverValue(v liveView) string {
	if f.serverEdited {
		return f.server
	}
	if v.Server != nil {
		return v.Server.Name
	}
	return v.ServerInput
}

func (f *loginForm) Render() app.UI {
	v := live.view()
	if v.SignedIn || v.Restoring {
		return f.renderSignedIn(v)
	}
	disabled := !f.running || f.busy
	server := f.serverValue(v)
	serverHint := "Not needed when you type your full user ID, like @alice:example.org."
	if isFullUserID(f.user) {
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
						describedBy("login-user", "", f.errs[fieldUsername]), f.errs[fieldUsername] != "", disabled,
						func(ctx app.Context, e app.Event) { f.user = inputValue(ctx) }),
					"", f.errs[fieldUsername]),
				field("login-server", "Server",
					prefill(textInput("login-server", "text", "example.org", "url",
						describedBy("login-server", serverHint, f.errs[fieldServer]), f.errs[fieldServer] != "", disabled,
						func(ctx app.Context, e app.Event) { f.server, f.serverEdited = inputValue(ctx), true }),
						!f.serverEdited, server),
					serverHint, f.errs[fieldServer]),
				field("login-password", "Password",
					passwordControl(
						textInput("login-password", passwordType(f.showPass), "", "current-password",
							describedBy("login-password", "", f.errs[fieldPassword]), f.errs[fieldPassword] != "", disabled,
							func(ctx app.Context, e app.Event) { f.password = inputValue(ctx) }),
						"login-password", f.showPass, !f.running,
						func(ctx app.Context, e app.Event) { f.showPass = !f.showPass }),
					"", f.errs[fieldPassword]),
				formError("login-form", f.errs[fieldForm]),
				app.Div().Class("live-actions").Body(
					submitButton("login-submit", "Log in", "Logging in…", f.busy, !f.running),
				),
			),
		// Below the form, so it never moves the fields (see textInput).
		app.If(v.AccountNote != "", app.P().Class("live-note").Role("status").Text(v.AccountNote)),
	)
}

func (f *loginForm) renderSignedIn(v liveView) app.UI {
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
	v := live.view()
	req := matrix.LoginRequest{User: f.user, Password: f.password, InitialDeviceName: deviceName}
	var srv *matrix.Server
	switch server := f.serverValue(v); {
	case isFullUserID(f.user):
		// The core finds the server from the user ID.
	case v.Server != nil && (server == v.Server.Name || server == v.ServerInput):
		srv = v.Server // already checked by the picker: no second discovery
	default:
		req.Server = server
	}
	f.busy = true
	f.errs = formErrors{}
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		sess, err := matrix.Login(c, srv, req)
		if err == nil {
			err = live.signIn(*sess)
		}
		dispatchTo(ctx, f, func() {
			f.busy = false
			f.errs.set(err, loginFields...)
			if err == nil {
				f.password = ""
			}
		})
	})
}
