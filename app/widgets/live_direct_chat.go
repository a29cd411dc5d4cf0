package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// directChatForm starts a direct chat with someone by their Matrix ID:
// encrypted, and listed as a direct chat by other Matrix apps too. A chat
// the reader already has with that person opens instead of a new one.
type directChatForm struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	userID   string
	starting bool
	errs     live.FormErrors
}

func newDirectChatForm(m *live.Model, lang string) *directChatForm {
	return &directChatForm{Imodel: m, Ilang: lang}
}

func (f *directChatForm) Render() app.UI {
	t := words.For(f.Ilang)
	msg := f.errs[live.FieldDirect]
	return app.Form().
		ID("fm-direct-form").
		Class("live-form").
		OnSubmit(f.onSubmit).
		Body(
			field("fm-direct", t.Say("live.direct.label"),
				app.Div().Class("live-input-row").Body(
					textInput("fm-direct", "text", t.Say("live.form.friend_placeholder"), "off",
						describedBy("fm-direct", "", msg), msg != "", ui.Prerendered || f.starting,
						func(ctx app.Context, e app.Event) { f.userID = inputValue(ctx); delete(f.errs, live.FieldDirect) }),
					submitButton("fm-direct-start", t.Say("live.direct.start"), t.Say("live.direct.starting"), f.starting, ui.Prerendered || f.starting),
				),
				"", msg),
		)
}

func (f *directChatForm) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if f.starting {
		return
	}
	user := f.userID
	f.starting, f.errs = true, live.FormErrors{}
	ctx.Async(func() {
		err := f.Imodel.StartDirectChat(user)
		ui.DispatchTo(ctx, f, func() {
			f.starting = false
			// One field: every error goes next to it.
			if err != nil {
				f.errs.Put(live.FieldDirect, f.Imodel.Message(err))
			}
		})
	})
}
