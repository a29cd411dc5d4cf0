package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// firstMessage is the widget "first-message": open a room (join a public
// one by its address, or create a private one and invite someone), then
// chat in it (liveChat). It needs a signed-in reader; without one it points
// to the chapters that sign up and log in.
type firstMessage struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	alias       string
	aliasEdited bool
	invitee     string
	joining     bool // joining by address (form or the one-click button)
	creating    bool
	errs        live.FormErrors
}

func newFirstMessage(m *live.Model, lang string) *firstMessage {
	return &firstMessage{Imodel: m, Ilang: lang}
}

func (w *firstMessage) OnMount(ctx app.Context) {
	WatchLive(ctx, w.Imodel)
}

func (w *firstMessage) Render() app.UI {
	v := w.Imodel.Now()
	t := words.For(w.Ilang)
	switch {
	case v.Restoring:
		return checkingSignIn(t, v)
	case !v.SignedIn:
		return app.Div().Class("live-widget").Body(
			app.If(v.AccountNote != "", app.P().Class("live-note").Role("status").Text(v.AccountNote)),
			app.P().Body(sentenceWith(t.Say("live.first_message.sign_in_first"), map[string]app.UI{
				"register": chapterLink(w.Ilang, "register", t.Say("live.first_message.register_link")),
				"login":    chapterLink(w.Ilang, "login", t.Say("live.first_message.login_link")),
			})...),
		)
	case v.Room.ID != "":
		return newLiveChat(w.Imodel, w.Ilang)
	}
	return w.renderChooser(t, v)
}

// checkingSignIn is what a widget says while a saved session is being
// confirmed with the server.
func checkingSignIn(t *words.Words, v live.View) app.UI {
	return app.Div().Class("live-widget").Body(
		app.P().Role("status").Text(t.Say("live.client.checking_sign_in", "user", string(v.UserID))),
	)
}

// nextFirstMessage points a signed-in reader on to the chapter that
// sends a first message.
func nextFirstMessage(lang string, t *words.Words) app.UI {
	return app.P().Body(sentenceWith(t.Say("live.client.next"), map[string]app.UI{
		"link": chapterLink(lang, "first-message", t.Say("live.client.next_first_message")),
	})...)
}

// renderChooser offers the ways into a room, the quickest first.
func (w *firstMessage) renderChooser(t *words.Words, v live.View) app.UI {
	alias := w.alias
	if !w.aliasEdited && v.Sandbox != nil {
		alias = v.Sandbox.WelcomeAlias
	}
	busy := w.joining || w.creating
	return app.Div().Class("live-widget").Body(
		app.P().Text(t.Say("live.first_message.signed_in", "user", string(v.UserID))),
		newRoomList(w.Imodel, w.Ilang), // live_rooms.go
		// Always there (empty without a practice server, and then hidden by
		// CSS), so the fields below never change places (see textInput).
		app.Div().Class("live-actions").Body(
			ui.When(v.Sandbox != nil, func() app.UI {
				return ui.DisableIf(app.Button().
					ID("fm-join-welcome").
					Type("button").
					Text(busyText(w.joining, t.Say("live.first_message.join_room", "room", v.Sandbox.WelcomeAlias), t.Say("live.first_message.joining"))).
					OnClick(w.onJoinWelcome), busy || ui.Prerendered)
			}),
		),
		app.Form().
			ID("fm-join-form").
			Class("live-form").
			OnSubmit(w.onJoin).
			Body(
				field("fm-room", t.Say("live.first_message.room_label"),
					app.Div().Class("live-input-row").Body(
						prefill(textInput("fm-room", "text", t.Say("live.first_message.room_placeholder"), "off",
							describedBy("fm-room", "", w.errs[live.FieldRoom]), w.errs[live.FieldRoom] != "", ui.Prerendered || busy,
							func(ctx app.Context, e app.Event) { w.alias, w.aliasEdited = inputValue(ctx), true }),
							!w.aliasEdited, alias),
						submitButton("fm-join", t.Say("live.first_message.join"), t.Say("live.first_message.joining"), w.joining, ui.Prerendered || busy),
					),
					"", w.errs[live.FieldRoom]),
			),
		app.Form().
			ID("fm-create-form").
			Class("live-form").
			OnSubmit(w.onCreate).
			Body(
				field("fm-invite", t.Say("live.first_message.invite_label"),
					textInput("fm-invite", "text", t.Say("live.form.friend_placeholder"), "off",
						describedBy("fm-invite", "", w.errs[live.FieldInvite]), w.errs[live.FieldInvite] != "", ui.Prerendered || busy,
						func(ctx app.Context, e app.Event) { w.invitee = inputValue(ctx) }),
					"", w.errs[live.FieldInvite]),
				formError("fm-create-form", w.errs[live.FieldForm]),
				app.Div().Class("live-actions").Body(
					submitButton("fm-create", t.Say("live.first_message.create"), t.Say("live.first_message.creating"), w.creating, ui.Prerendered || busy),
				),
			),
		newDirectChatForm(w.Imodel, w.Ilang), // live_direct_chat.go
	)
}

func (w *firstMessage) onJoinWelcome(ctx app.Context, e app.Event) {
	if sb := w.Imodel.Now().Sandbox; sb != nil {
		w.join(ctx, sb.WelcomeAlias)
	}
}

func (w *firstMessage) onJoin(ctx app.Context, e app.Event) {
	e.PreventDefault()
	alias := w.alias
	if !w.aliasEdited {
		if sb := w.Imodel.Now().Sandbox; sb != nil {
			alias = sb.WelcomeAlias
		}
	}
	w.join(ctx, alias)
}

func (w *firstMessage) join(ctx app.Context, alias string) {
	if w.joining || w.creating {
		return
	}
	w.joining, w.errs = true, live.FormErrors{}
	ctx.Async(func() {
		err := w.Imodel.JoinRoom(alias)
		ui.DispatchTo(ctx, w, func() {
			w.joining = false
			w.errs = w.Imodel.FormErrors(err, live.FieldRoom)
			if err != nil && w.errs[live.FieldForm] != "" {
				// Joining has one field: every error belongs next to it.
				w.errs = live.FormErrors{live.FieldRoom: w.errs[live.FieldForm]}
			}
		})
	})
}

func (w *firstMessage) onCreate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if w.joining || w.creating {
		return
	}
	invitee := w.invitee
	w.creating, w.errs = true, live.FormErrors{}
	ctx.Async(func() {
		err := w.Imodel.CreatePrivateRoom(invitee)
		ui.DispatchTo(ctx, w, func() {
			w.creating = false
			w.errs = w.Imodel.FormErrors(err, live.FieldInvite)
		})
	})
}
