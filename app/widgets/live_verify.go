package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
)

// verifyPanel is the verification with the reader's other devices, in
// every live box (like the invitations): a request from their new app,
// the seven emoji to compare, and how it ended (the model's Verify words it).
type verifyPanel struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)

	busy bool
	err  string
}

func newVerifyPanel(m *live.Model) *verifyPanel { return &verifyPanel{Imodel: m} }

func (w *verifyPanel) OnMount(ctx app.Context) {
	WatchLive(ctx, w.Imodel)
}

func (w *verifyPanel) Render() app.UI {
	// Always there, so a screen reader announces a request when it comes.
	region := app.Div().Class("live-verify-slot").Role("status").Aria("live", "polite")
	if ui.Prerendered || !w.Imodel.Now().SignedIn {
		return region
	}
	v := w.Imodel.Verify()
	if !v.Show {
		return region
	}
	return region.Body(
		app.Div().Class("live-verify").DataSet("step", v.Step).Body(
			ui.When(v.Heading != "", func() app.UI { return app.H4().Class("live-verify-heading").Text(v.Heading) }),
			ui.When(v.Text != "", func() app.UI { return app.P().Class("live-verify-text").Text(v.Text) }),
			ui.When(len(v.Emoji) > 0, func() app.UI {
				return app.Ol().Class("live-verify-emoji").Body(app.Range(v.Emoji).Slice(func(i int) app.UI {
					return app.Li().Body(
						app.Span().Class("live-verify-symbol").Aria("hidden", "true").Text(v.Emoji[i].Symbol),
						app.Span().Class("live-verify-name").Text(v.Emoji[i].Name),
					)
				}))
			}),
			ui.When(v.Refusal != "", func() app.UI { return app.P().Class("live-verify-refusal").Text(v.Refusal) }),
			app.Div().Class("live-actions").Body(
				ui.When(v.CanAccept, func() app.UI {
					return w.button("live-verify-accept", w.Imodel.Say(live.VerifyAccept), "", w.Imodel.AcceptVerification)
				}),
				ui.When(v.CanConfirm, func() app.UI {
					return w.button("live-verify-match", w.Imodel.Say(live.VerifyMatch), "", w.Imodel.ConfirmEmoji)
				}),
				ui.When(v.CanConfirm, func() app.UI {
					return w.button("live-verify-differ", w.Imodel.Say(live.VerifyDiffer), "secondary", w.Imodel.EmojiDiffer)
				}),
				ui.When(v.CanCancel, func() app.UI {
					label := w.Imodel.Say(live.VerifyCancel)
					if v.CanAccept {
						label = w.Imodel.Say(live.VerifyDecline)
					}
					return w.button("live-verify-cancel", label, "secondary", w.Imodel.CancelVerification)
				}),
				ui.When(v.CanClose, func() app.UI {
					return app.Button().Type("button").Class("secondary live-verify-close").Text(w.Imodel.Say(live.VerifyClose)).
						OnClick(func(ctx app.Context, e app.Event) { w.err = ""; w.Imodel.DismissVerification() })
				}),
			),
			ui.When(w.err != "", func() app.UI { return app.P().Class("live-error").Role("alert").Text(w.err) }),
		),
	)
}

// button runs one of the reader's steps, one at a time.
func (w *verifyPanel) button(class, label, style string, step func() string) app.UI {
	return ui.DisableIf(app.Button().Type("button").Class(style+" "+class).Text(label).
		OnClick(func(ctx app.Context, e app.Event) {
			if w.busy {
				return
			}
			w.busy, w.err = true, ""
			ctx.Async(func() {
				problem := step()
				ui.DispatchTo(ctx, w, func() { w.busy, w.err = false, problem })
			})
		}, class), w.busy)
}
