package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// keyBackup is the widget "key-backup": set up recovery for the signed-in
// reader, show the new recovery key once with Copy and Download, have it
// typed back, and say how the key backup is doing.
type keyBackup struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	busy     bool
	typed    string
	err      string
	copied   bool
	finished bool

	restoreKey string
	restoreErr string
	restoring  bool
	restored   bool
}

func newKeyBackup(m *live.Model, lang string) *keyBackup { return &keyBackup{Imodel: m, Ilang: lang} }

func (w *keyBackup) OnMount(ctx app.Context) {
	WatchLive(ctx, w.Imodel)
}

func (w *keyBackup) Render() app.UI {
	v := w.Imodel.Now()
	t := words.For(w.Ilang)
	if !v.SignedIn {
		return app.Div().Class("live-widget").Body(
			app.P().Body(sentenceWith(t.Say("live.keys.sign_in_first"), map[string]app.UI{
				"link": chapterLink(w.Ilang, "login", t.Say("live.keys.login_link")),
			})...),
		)
	}
	k := w.Imodel.Keys()
	if k.NewKey != "" {
		return w.renderNewKey(t, k.NewKey)
	}
	return app.Div().Class("live-widget").Body(
		app.P().ID("kb-status").Role("status").Text(backupLine(t, k, w.finished || w.restored)),
		formError("kb-setup", w.err),
		app.Div().Class("live-actions").Body(
			ui.DisableIf(app.Button().ID("kb-setup").Type("button").
				Text(setUpLabel(t, k.BackupOn, w.busy)).
				OnClick(w.onSetUp), w.busy || ui.Prerendered),
		),
		// Always there, so the field never moves (see textInput).
		app.Form().ID("kb-restore-form").Class("live-form").OnSubmit(w.onRestore).Body(
			field("kb-restore", t.Say("live.keys.restore_label"),
				textInput("kb-restore", "text", "", "off", describedBy("kb-restore", "", w.restoreErr), w.restoreErr != "", ui.Prerendered || w.busy,
					func(ctx app.Context, e app.Event) { w.restoreKey = inputValue(ctx); w.restoreErr = "" }),
				"", w.restoreErr),
			app.Div().Class("live-actions").Body(submitButton("kb-restore-submit", t.Say("live.keys.restore"), t.Say("live.keys.restoring"), w.restoring, ui.Prerendered || w.busy)),
		),
	)
}

func (w *keyBackup) onRestore(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if w.busy || w.restoring {
		return
	}
	key := w.restoreKey
	w.restoring, w.restoreErr = true, ""
	ctx.Async(func() {
		problem := w.Imodel.RestoreFromRecoveryKey(key)
		ui.DispatchTo(ctx, w, func() {
			w.restoring = false
			if problem != "" {
				w.restoreErr = problem
				return
			}
			w.restored = true
			clearField("kb-restore")
		})
	})
}

// backupLine is the status: backed up, or how many keys wait.
func backupLine(t *words.Words, k live.KeysView, finished bool) string {
	switch {
	case !k.BackupOn:
		return t.Say("live.keys.not_set_up")
	case k.KeysWaiting > 0:
		return t.SayN("live.keys.waiting", k.KeysWaiting)
	case finished:
		return t.Say("live.keys.all_set")
	}
	return t.Say("live.keys.backed_up")
}

func setUpLabel(t *words.Words, on, busy bool) string {
	switch {
	case busy:
		return t.Say("live.keys.setting_up")
	case on:
		return t.Say("live.keys.new_key")
	}
	return t.Say("live.keys.set_up")
}

func (w *keyBackup) renderNewKey(t *words.Words, key string) app.UI {
	file := t.Say("live.keys.file_name")
	return app.Div().Class("live-widget").Body(
		app.P().Text(t.Say("live.keys.new_key_shown")),
		app.P().Class("live-recovery-key").Body(app.Code().ID("kb-key").Text(key)),
		app.Div().Class("live-actions").Body(
			app.Button().ID("kb-copy").Type("button").Class("secondary").
				Text(copyLabel(t, w.copied)).
				OnClick(func(ctx app.Context, e app.Event) { w.copy(ctx, t, key) }),
			app.Button().ID("kb-download").Type("button").Class("secondary").Text(t.Say("live.keys.download")).
				OnClick(func(ctx app.Context, e app.Event) { downloadText(file, key) }),
		),
		app.Form().ID("kb-confirm-form").Class("live-form").OnSubmit(w.onConfirm).Body(
			field("kb-confirm", t.Say("live.keys.confirm_label"),
				textInput("kb-confirm", "text", "", "off", describedBy("kb-confirm", "", w.err), w.err != "", ui.Prerendered,
					func(ctx app.Context, e app.Event) { w.typed = inputValue(ctx); w.err = "" }),
				"", w.err),
			app.Div().Class("live-actions").Body(submitButton("kb-finish", t.Say("live.keys.finish"), "", false, ui.Prerendered)),
		),
	)
}

func (w *keyBackup) onSetUp(ctx app.Context, e app.Event) {
	if w.busy {
		return
	}
	w.busy, w.err, w.finished = true, "", false
	ctx.Async(func() {
		problem := w.Imodel.SetUpRecovery()
		ui.DispatchTo(ctx, w, func() {
			w.busy = false
			w.err = problem
		})
	})
}

func (w *keyBackup) onConfirm(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if problem := w.Imodel.ConfirmRecoveryKey(w.typed); problem != "" {
		w.err = problem
		return
	}
	w.typed, w.err, w.finished, w.copied = "", "", true, false
}

func copyLabel(t *words.Words, copied bool) string {
	if copied {
		return t.Say("live.keys.copied")
	}
	return t.Say("live.keys.copy")
}

// copy puts the key on the clipboard (the browser asks nothing for a click).
func (w *keyBackup) copy(ctx app.Context, t *words.Words, key string) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		w.err = t.Say("live.keys.cannot_copy")
		return
	}
	clip.Call("writeText", key)
	w.copied = true
}

// downloadText saves text as a file named name, through a Blob the page
// makes itself (no request, nothing leaves the browser).
func downloadText(name, text string) {
	win := app.Window()
	blob := win.Get("Blob").New([]any{text}, map[string]any{"type": "text/plain"})
	url := win.Get("URL").Call("createObjectURL", blob)
	a := win.Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	win.Get("URL").Call("revokeObjectURL", url)
}
