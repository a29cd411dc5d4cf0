package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// identityNote sits under the chat: on a device that is not verified it
// says what such a device cannot read and takes the recovery key; on a
// verified one without a recovery key it reminds the reader once that a
// recovery key keeps the history (live.Identity decides which).
type identityNote struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	typed     string
	err       string
	restoring bool
	restored  bool
	asking    bool   // asking the reader's other devices to verify this one
	askErr    string // why that could not start
}

func newIdentityNote(m *live.Model, lang string) *identityNote {
	return &identityNote{Imodel: m, Ilang: lang}
}

func (w *identityNote) OnMount(ctx app.Context) { WatchLive(ctx, w.Imodel) }

func (w *identityNote) Render() app.UI {
	v := w.Imodel.Identity()
	t := words.For(w.Ilang)
	switch {
	case v.Unverified:
		return w.renderUnverified(t)
	case w.restored:
		return app.P().ID("id-verified").Class("live-note").Role("status").Text(w.Imodel.Say(live.VerifiedNow))
	case v.Remind:
		return app.Div().ID("id-reminder").Class("live-note").Body(
			app.P().Body(sentenceWith(w.Imodel.Say(live.RecoveryReminder), map[string]app.UI{
				"link": chapterLink(w.Ilang, live.RecoveryReminderChapter, w.Imodel.Say(live.RecoveryReminderLink)),
			})...),
			app.Button().ID("id-reminder-close").Type("button").Class("secondary").Text(t.Say("live.identity.not_now")).
				OnClick(func(ctx app.Context, e app.Event) { w.Imodel.DismissReminder() }),
		)
	}
	return app.Div().ID("id-note") // keeps its place, so nothing below moves
}

func (w *identityNote) renderUnverified(t *words.Words) app.UI {
	return app.Div().ID("id-note").Class("live-note").Body(
		app.P().ID("id-unverified").Text(w.Imodel.Say(live.UnverifiedNote)),
		app.Form().ID("id-restore-form").Class("live-form").OnSubmit(w.onRestore).Body(
			field("id-restore", t.Say("live.identity.key_label"),
				textInput("id-restore", "text", "", "off", describedBy("id-restore", "", w.err), w.err != "", w.restoring,
					func(ctx app.Context, e app.Event) { w.typed = inputValue(ctx); w.err = "" }),
				"", w.err),
			app.Div().Class("live-actions").Body(submitButton("id-restore-submit", t.Say("live.identity.verify"), t.Say("live.identity.verifying"), w.restoring, false)),
		),
		// Or with another device of the reader's (live_verify.go shows
		// the rest).
		app.P().Text(w.Imodel.Say(live.VerifyOfferText)),
		app.Div().Class("live-actions").Body(
			ui.DisableIf(app.Button().ID("id-verify-other").Type("button").Class("secondary").Text(w.Imodel.Say(live.VerifyOfferButton)).
				OnClick(w.onVerifyOther), w.asking),
		),
		ui.When(w.askErr != "", func() app.UI { return app.P().ID("id-verify-error").Class("live-error").Role("alert").Text(w.askErr) }),
	)
}

func (w *identityNote) onVerifyOther(ctx app.Context, e app.Event) {
	if w.asking {
		return
	}
	w.asking, w.askErr = true, ""
	ctx.Async(func() {
		problem := w.Imodel.RequestVerification()
		ui.DispatchTo(ctx, w, func() { w.asking, w.askErr = false, problem })
	})
}

func (w *identityNote) onRestore(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if w.restoring {
		return
	}
	key := w.typed
	w.restoring, w.err = true, ""
	ctx.Async(func() {
		problem := w.Imodel.RestoreFromRecoveryKey(key)
		ui.DispatchTo(ctx, w, func() {
			w.restoring = false
			if problem != "" {
				w.err = problem
				return
			}
			w.restored, w.typed = true, ""
			clearField("id-restore")
		})
	})
}
