package widgets

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// The email step of the sign-up form (registerForm): the address field,
// then, once the server has mailed its link, a panel that says where the
// link went and that this page carries on by itself; meanwhile it asks the
// server every few seconds (live.WaitForEmail) for as long as the chapter
// is open. The reader can have the mail sent again, change the address, or
// start over.

// renderEmailField is the address field in the form, shown when the server
// wants one.
func (f *registerForm) renderEmailField(t *words.Words, pending *live.SignUp, disabled bool) app.UI {
	hint := t.Say("live.register.email_hint")
	if pending != nil && pending.Step == live.StepEmail {
		hint = pending.Message
	}
	return field("register-email", t.Say("live.register.email_label"),
		textInput("register-email", "email", t.Say("live.register.email_placeholder"), "email",
			describedBy("register-email", hint, f.errs[live.FieldEmail]), f.errs[live.FieldEmail] != "", disabled,
			func(ctx app.Context, e app.Event) {
				f.email = inputValue(ctx)
				delete(f.errs, live.FieldEmail)
			}),
		hint, f.errs[live.FieldEmail])
}

// renderEmailSent is the panel while the link is out.
func (f *registerForm) renderEmailSent(t *words.Words, pending *live.SignUp) app.UI {
	disabled := ui.Prerendered || f.busy
	var actions app.UI
	if f.editEmail {
		actions = app.Form().ID("register-email-form").Class("live-form").OnSubmit(f.onSubmit).Body(
			f.renderEmailField(t, nil, disabled),
			app.Div().Class("live-actions").Body(
				submitButton("register-email-send", t.Say("live.register.email_send"), t.Say("live.register.email_sending"), f.busy, disabled),
				ui.DisableIf(app.Button().ID("register-email-keep").Type("button").Class("secondary").
					Text(t.Say("live.register.email_keep", "email", pending.Email)).OnClick(f.onKeepEmail), disabled),
			),
		)
	} else {
		resend := busyText(f.busy, t.Say("live.register.email_resend"), t.Say("live.register.email_sending"))
		actions = app.Div().Class("live-actions").Body(
			ui.DisableIf(app.Button().ID("register-resend").Type("button").Text(resend).OnClick(f.onResend), disabled),
			ui.DisableIf(app.Button().ID("register-other-email").Type("button").Class("secondary").
				Text(t.Say("live.register.email_other")).OnClick(f.onOtherEmail), disabled),
			ui.DisableIf(app.Button().ID("register-start-over").Type("button").Class("secondary").
				Text(t.Say("live.register.start_over")).OnClick(f.onStartOver), disabled),
		)
	}
	name := ""
	if pending.UserID != "" {
		name = t.Say("live.register.email_account", "user", pending.UserID)
	}
	// data-checks counts the server's "not yet" answers, so a test can
	// tell that the page did ask after something happened.
	return app.Div().ID("register-email-step").Class("live-step").DataSet("checks", f.emailChecks).Body(
		app.P().ID("register-email-status").Role("status").Text(pending.Message),
		app.If(name != "", app.P().Text(name)),
		app.P().Class("live-hint").Text(pending.Hint),
		actions,
		formError("register-email-step", f.errs[live.FieldForm]),
	)
}

// resumeEmailWait picks up a sign-up waiting for its link from an earlier
// visit to the chapter, or from before a reload, and starts waiting again.
func (f *registerForm) resumeEmailWait(ctx app.Context) {
	if f.pending != nil {
		return
	}
	su, server := f.Imodel.SavedSignUp()
	if su == nil {
		return
	}
	f.pending, f.pendingServer = su, server
	f.waitForEmail(ctx, su)
}

// waitForEmail polls until the link is opened, the chapter is left, or the
// reader changes course; one wait at a time.
func (f *registerForm) waitForEmail(ctx app.Context, pending *live.SignUp) {
	f.stopEmailWait()
	wctx, cancel := context.WithCancel(context.Background())
	f.stopWaiting = cancel
	ctx.Async(func() {
		reg, err := f.Imodel.WaitForEmail(wctx, pending, func() {
			ui.DispatchTo(ctx, f, func() { f.emailChecks++ })
		})
		ui.DispatchTo(ctx, f, func() {
			if wctx.Err() != nil || f.pending != pending {
				return // stopped on purpose, or replaced by a newer step
			}
			cancel()
			f.stopWaiting = nil
			f.errs = f.Imodel.FormErrors(err, live.RegisterFields...)
			switch {
			case err != nil:
			case reg.Step == live.StepDone:
				f.done, f.pending, f.password = reg.Message, nil, ""
			default:
				f.pending = reg // the server's next step, if it has one
			}
		})
	})
}

func (f *registerForm) stopEmailWait() {
	if f.stopWaiting != nil {
		f.stopWaiting()
		f.stopWaiting = nil
	}
}

// OnDismount stops asking the server once the chapter is left; coming back
// (or reloading) resumes from the saved sign-up.
func (f *registerForm) OnDismount() {
	f.stopEmailWait()
}

func (f *registerForm) onResend(ctx app.Context, e app.Event) {
	pending := f.pending
	if f.busy || pending == nil {
		return
	}
	f.busy = true
	f.errs = live.FormErrors{}
	ctx.Async(func() {
		next, err := f.Imodel.ResendEmail(pending)
		ui.DispatchTo(ctx, f, func() {
			f.busy = false
			f.errs = f.Imodel.FormErrors(err, live.RegisterFields...)
			if err == nil && f.pending == pending {
				f.pending = next
				f.waitForEmail(ctx, next)
			}
		})
	})
}

// onOtherEmail shows the address field; the wait for the first link
// pauses meanwhile.
func (f *registerForm) onOtherEmail(ctx app.Context, e app.Event) {
	f.stopEmailWait()
	f.editEmail = true
	f.errs = live.FormErrors{}
}

func (f *registerForm) onKeepEmail(ctx app.Context, e app.Event) {
	f.editEmail = false
	f.errs = live.FormErrors{}
	if f.pending != nil {
		f.waitForEmail(ctx, f.pending)
	}
}

// onStartOver drops the sign-up: the form comes back empty of steps, with
// what the reader typed still in it.
func (f *registerForm) onStartOver(ctx app.Context, e app.Event) {
	f.stopEmailWait()
	f.Imodel.ForgetSignUp()
	f.pending, f.editEmail = nil, false
	f.errs = live.FormErrors{}
}
