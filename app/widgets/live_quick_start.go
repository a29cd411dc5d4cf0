package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// WidgetQuickStart is the landing page's live client: the whole way from
// nothing to a first message in one box, for readers who want to try
// before they read. The chapters keep their own step-by-step widgets.
const WidgetQuickStart = "quick-start"

// quickStart is that box: the sign-up form on the chosen server (the
// practice server, when the guide runs one, is chosen already), then,
// right after the account is made, a room to write in with the cursor in
// the message box (live.OpenFirstRoom), then the chat. Five interactions:
// username, password, create, message, send.
type quickStart struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	// signingUp: the reader was signed out while the box was showing, so
	// being signed in now means they just made an account here, and the
	// box should take them to a room. A reader who arrives signed in, or
	// who left a room on purpose, is not moved anywhere.
	signingUp bool
	opening   bool
	openErr   string
	// focus: this box opened the room, so the cursor goes to the message
	// box; a reader coming back to a room they had open is left alone.
	focus bool
}

func newQuickStart(m *live.Model, lang string) *quickStart {
	return &quickStart{Imodel: m, Ilang: lang}
}

func (q *quickStart) OnMount(ctx app.Context) {
	WatchLive(ctx, q.Imodel)
	q.onLiveChange(ctx)
}

// onLiveChange notices the account being made and opens the first room.
func (q *quickStart) onLiveChange(ctx app.Context) {
	v := q.Imodel.Now()
	switch {
	case !v.SignedIn && !v.Restoring:
		q.signingUp = true
	case v.SignedIn && !v.Restoring && q.signingUp && v.Room.ID == "" && !q.opening:
		q.signingUp, q.opening, q.openErr, q.focus = false, true, "", true
		ctx.Async(func() {
			err := q.Imodel.OpenFirstRoom()
			ui.DispatchTo(ctx, q, func() {
				q.opening = false
				if err != nil {
					q.openErr = q.Imodel.Message(err)
				}
			})
		})
	}
}

func (q *quickStart) Render() app.UI {
	v := q.Imodel.Now()
	t := words.For(q.Ilang)
	switch {
	case v.Restoring:
		return checkingSignIn(t, v)
	case !v.SignedIn:
		return newRegisterForm(q.Imodel, q.Ilang)
	case v.Room.ID != "" && q.focus:
		return newLiveChat(q.Imodel, q.Ilang).Focus()
	case v.Room.ID != "":
		return newLiveChat(q.Imodel, q.Ilang)
	case q.opening:
		return app.Div().Class("live-widget").Body(
			app.P().Role("status").Text(t.Say("live.quick_start.opening")),
		)
	}
	// Signed in already, or the first room could not be opened: the usual
	// ways into a room, with the reason when there is one.
	return app.Div().Body(
		app.If(q.openErr != "", app.P().Class("live-error").Role("alert").Text(q.openErr)),
		newFirstMessage(q.Imodel, q.Ilang),
	)
}
