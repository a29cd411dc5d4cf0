package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// The sign-up steps some servers add after username and password, shown
// inside the sign-up form (registerForm): accepting the server's terms,
// and a step done on the server's own page (a captcha, an email check).

// termsToAccept are the policies the form lists, and whether it lists
// any: those discovery found (the server's sign-up asks for them from the
// start), or those a pending sign-up is waiting on.
func termsToAccept(v live.View, pending *live.SignUp) ([]live.Policy, bool) {
	if pending != nil && pending.Step == live.StepAcceptTerms {
		return pending.Terms, true
	}
	if v.Server != nil && len(v.Server.Terms) > 0 {
		return v.Server.Terms, true
	}
	return nil, false
}

// renderTerms lists the server's policies with links and the box to tick.
func (f *registerForm) renderTerms(t *words.Words, terms []live.Policy, disabled bool) app.UI {
	box := app.Input().ID("register-terms").Type("checkbox").OnChange(func(ctx app.Context, e app.Event) {
		f.accepted = ctx.JSSrc().Get("checked").Bool()
	})
	if f.accepted {
		box = box.Checked(true)
	}
	if disabled {
		box = box.Disabled(true)
	}
	if f.errs[live.FieldTerms] != "" {
		box = box.Aria("describedby", "register-terms-error").Aria("invalid", "true")
	}
	return app.Div().Class("live-terms").Body(
		app.P().Text(t.Say("live.register.terms_lead")),
		app.Ul().Body(
			app.Range(terms).Slice(func(i int) app.UI {
				// The server's own wording of its terms, in the page's
				// language where it has one.
				link := terms[i].In(f.Ilang)
				return app.Li().Body(app.A().Href(link.URL).Target("_blank").Rel("noopener noreferrer").Text(link.Name))
			}),
		),
		app.Div().Class("live-check").Body(
			box,
			app.Label().For("register-terms").Text(t.Say("live.register.terms_accept")),
		),
		fieldError("register-terms", f.errs[live.FieldTerms]),
	)
}

// renderBrowserStep is for stages the server runs on its own page
// (captcha, email check): open it in a new tab, then continue here with
// the same sign-up session.
func (f *registerForm) renderBrowserStep(t *words.Words, pending *live.SignUp) app.UI {
	label := busyText(f.busy, t.Say("live.register.browser_continue"), t.Say("live.register.browser_checking"))
	cont := ui.DisableIf(app.Button().ID("register-continue").Type("button").Text(label).OnClick(f.onContinue), f.busy)
	return app.Div().Class("live-step").Body(
		app.P().Text(pending.Message),
		app.P().Body(
			app.A().Class("button secondary").Href(pending.FallbackURL).Target("_blank").Rel("noopener noreferrer").
				Text(t.Say("live.register.browser_open")),
		),
		cont,
	)
}
