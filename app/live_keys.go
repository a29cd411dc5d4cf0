package main

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// keyBackup is the widget "key-backup": set up recovery for the signed-in
// reader, show the new recovery key once with Copy and Download, have it
// typed back, and say how the key backup is doing.
type keyBackup struct {
	app.Compo

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

func newKeyBackup() *keyBackup { return &keyBackup{} }

func (w *keyBackup) OnMount(ctx app.Context) {
	watchLive(ctx)
}

func (w *keyBackup) Render() app.UI {
	v := live.Now()
	if !v.SignedIn {
		return app.Div().Class("live-widget").Body(
			app.P().Body(
				app.Text("To set up recovery, sign in first: "),
				chapterLink("login", "log in"),
				app.Text(", then come back here."),
			),
		)
	}
	k := live.Keys()
	if k.NewKey != "" {
		return w.renderNewKey(k.NewKey)
	}
	return app.Div().Class("live-widget").Body(
		app.P().ID("kb-status").Role("status").Text(backupLine(k, w.finished || w.restored)),
		formError("kb-setup", w.err),
		app.Div().Class("live-actions").Body(
			disableIf(app.Button().ID("kb-setup").Type("button").
				Text(setUpLabel(k.BackupOn, w.busy)).
				OnClick(w.onSetUp), w.busy || prerendered),
		),
		// Always there, so the field never moves (see textInput).
		app.Form().ID("kb-restore-form").Class("live-form").OnSubmit(w.onRestore).Body(
			field("kb-restore", "Already set up on another device? Enter your recovery key",
				textInput("kb-restore", "text", "", "off", describedBy("kb-restore", "", w.restoreErr), w.restoreErr != "", prerendered || w.busy,
					func(ctx app.Context, e app.Event) { w.restoreKey = inputValue(ctx); w.restoreErr = "" }),
				"", w.restoreErr),
			app.Div().Class("live-actions").Body(submitButton("kb-restore-submit", "Restore", "Restoring…", w.restoring, prerendered || w.busy)),
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
		problem := live.RestoreFromRecoveryKey(key)
		dispatchTo(ctx, w, func() {
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
func backupLine(k live.KeysView, finished bool) string {
	switch {
	case !k.BackupOn:
		return "Recovery is not set up for this account on this device yet."
	case k.KeysWaiting == 1:
		return "Key backup is on. 1 key is waiting to be backed up."
	case k.KeysWaiting > 1:
		return "Key backup is on. " + strconv.Itoa(k.KeysWaiting) + " keys are waiting to be backed up."
	case finished:
		return "All set: your keys are backed up, and this device can read your earlier messages."
	}
	return "Your keys are backed up."
}

func setUpLabel(on, busy bool) string {
	switch {
	case busy:
		return "Setting up…"
	case on:
		return "Make a new recovery key"
	}
	return "Set up recovery"
}

func (w *keyBackup) renderNewKey(key string) app.UI {
	return app.Div().Class("live-widget").Body(
		app.P().Text("This is your recovery key. It is shown only now: copy it or download it, and keep it somewhere safe."),
		app.P().Class("live-recovery-key").Body(app.Code().ID("kb-key").Text(key)),
		app.Div().Class("live-actions").Body(
			app.Button().ID("kb-copy").Type("button").Class("secondary").Text(copyLabel(w.copied)).
				OnClick(func(ctx app.Context, e app.Event) { w.copy(ctx, key) }),
			app.Button().ID("kb-download").Type("button").Class("secondary").Text("Download").
				OnClick(func(ctx app.Context, e app.Event) { downloadText("recovery-key.txt", key) }),
		),
		app.Form().ID("kb-confirm-form").Class("live-form").OnSubmit(w.onConfirm).Body(
			field("kb-confirm", "Type the key again to confirm you saved it",
				textInput("kb-confirm", "text", "", "off", describedBy("kb-confirm", "", w.err), w.err != "", prerendered,
					func(ctx app.Context, e app.Event) { w.typed = inputValue(ctx); w.err = "" }),
				"", w.err),
			app.Div().Class("live-actions").Body(submitButton("kb-finish", "Finish set up", "", false, prerendered)),
		),
	)
}

func copyLabel(copied bool) string {
	if copied {
		return "Copied"
	}
	return "Copy"
}

func (w *keyBackup) onSetUp(ctx app.Context, e app.Event) {
	if w.busy {
		return
	}
	w.busy, w.err, w.finished = true, "", false
	ctx.Async(func() {
		problem := live.SetUpRecovery()
		dispatchTo(ctx, w, func() {
			w.busy = false
			w.err = problem
		})
	})
}

func (w *keyBackup) onConfirm(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if problem := live.ConfirmRecoveryKey(w.typed); problem != "" {
		w.err = problem
		return
	}
	w.typed, w.err, w.finished, w.copied = "", "", true, false
}

// copy puts the key on the clipboard (the browser asks nothing for a click).
func (w *keyBackup) copy(ctx app.Context, key string) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		w.err = "This browser does not let the page copy; select the key and copy it by hand."
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
