package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// roomList is the reader's rooms, the most recently active first, to
// switch between, each with how many new messages wait there; then what
// the last room action did, and the people the reader ignores, each with
// a way back. On a phone the rooms are one row that scrolls sideways, so
// the chat below stays where it is.
type roomList struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	busy bool
	err  string
}

func newRoomList(m *live.Model, lang string) *roomList {
	return &roomList{Imodel: m, Ilang: lang}
}

func (w *roomList) OnMount(ctx app.Context) {
	WatchLive(ctx, w.Imodel)
}

func (w *roomList) Render() app.UI {
	v := w.Imodel.Now()
	t := words.For(w.Ilang)
	// The open room alone is nothing to switch to (a newcomer's first
	// room): the list comes with the second.
	switchable := len(v.Rooms) > 1 || len(v.Rooms) == 1 && !v.Rooms[0].Open
	return app.Div().Class("live-rooms-panel").Body(
		ui.When(switchable, func() app.UI { return w.renderRooms(t, v.Rooms) }),
		app.If(v.RoomNote != "", app.P().ID("rooms-note").Class("live-note").Role("status").Text(v.RoomNote)),
		app.If(w.err != "", app.P().Class("live-error").Role("alert").Text(w.err)),
		ui.When(len(v.Ignored) > 0, func() app.UI { return w.renderIgnored(t, v.Ignored) }),
	)
}

func (w *roomList) renderRooms(t *words.Words, rooms []live.RoomItem) app.UI {
	return app.Nav().Class("live-rooms").Aria("label", t.Say("live.rooms.label")).Body(
		app.Ul().Body(
			app.Range(rooms).Slice(func(i int) app.UI {
				r := rooms[i]
				b := app.Button().
					Type("button").
					Class("secondary small live-room").
					DataSet("room", string(r.ID)).
					// A room's name is what someone chose: text, never markup.
					Body(
						app.Span().Class("live-room-title").Dir("auto").Text(r.Title),
						app.If(r.Unread > 0, app.Span().Class("live-room-unread").Text(w.Imodel.UnreadLabel(r))),
					)
				if r.Open {
					b = b.Aria("current", "true")
				}
				room := r.ID
				return app.Li().Body(ui.DisableIf(b.OnClick(func(ctx app.Context, e app.Event) {
					ctx.Async(func() { w.Imodel.OpenRoom(room) })
				}, room), ui.Prerendered || r.Open))
			}),
		),
	)
}

func (w *roomList) renderIgnored(t *words.Words, people []live.IgnoredPerson) app.UI {
	return app.Details().Class("live-ignored").Body(
		app.Summary().Text(t.SayN("live.rooms.ignored", len(people))),
		app.Ul().Body(
			app.Range(people).Slice(func(i int) app.UI {
				p := people[i]
				return app.Li().DataSet("user", string(p.UserID)).Body(
					app.Span().Dir("auto").Text(p.Label()+" "),
					ui.DisableIf(app.Button().
						Type("button").
						Class("secondary small").
						Text(t.Say("live.rooms.stop_ignoring")).
						OnClick(func(ctx app.Context, e app.Event) { w.unignore(ctx, p) }, p.UserID), w.busy || ui.Prerendered),
				)
			}),
		),
	)
}

func (w *roomList) unignore(ctx app.Context, p live.IgnoredPerson) {
	if w.busy {
		return
	}
	w.busy, w.err = true, ""
	ctx.Async(func() {
		err := w.Imodel.UnignoreUser(p.UserID)
		ui.DispatchTo(ctx, w, func() {
			w.busy, w.err = false, w.Imodel.Message(err)
		})
	})
}
