package widgets

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// chatActions is what the chat's room and message controls have open:
// leaving the room (asked once more, since an invite-only room cannot be
// joined again alone), and per message of someone else a small menu to
// report it or ignore its sender. State is kept by event ID, not by row,
// so a line hidden or added above never inherits another's open form.
type chatActions struct {
	leaving   bool // "Leave this room?" is showing
	leaveBusy bool
	leaveErr  string

	menuFor   string // the line whose menu is open
	reportFor string // the line whose report form is open
	reason    string
	busy      bool
	err       string
	done      map[string]string // event ID → the sentence confirming its report
}

// renderLeave is the head's Leave button, and the question it asks.
func (c *liveChat) renderLeave(t *words.Words, v live.View) app.UI {
	a := &c.actions
	if !a.leaving {
		return app.Button().
			ID("chat-leave").
			Type("button").
			Class("secondary").
			Text(t.Say("live.chat.leave")).
			OnClick(func(ctx app.Context, e app.Event) { a.leaving, a.leaveErr = true, "" })
	}
	room := v.Room.ID
	return app.Div().Class("live-leave-ask").Role("group").Body(
		app.P().Body(sentenceWith(t.Say("live.chat.leave_ask"), map[string]app.UI{
			"room": app.Strong().Text(v.Room.Label),
		})...),
		app.Div().Class("live-actions").Body(
			ui.DisableIf(app.Button().ID("chat-leave-confirm").Type("button").
				Text(busyText(a.leaveBusy, t.Say("live.chat.leave_confirm"), t.Say("live.chat.leaving"))).
				OnClick(func(ctx app.Context, e app.Event) { c.leave(ctx, room) }, room), a.leaveBusy || ui.Prerendered),
			ui.DisableIf(app.Button().ID("chat-leave-cancel").Type("button").Class("secondary").Text(t.Say("live.chat.stay")).
				OnClick(func(ctx app.Context, e app.Event) { a.leaving = false }), a.leaveBusy),
		),
		app.If(a.leaveErr != "", app.P().Class("live-error").Role("alert").Text(a.leaveErr)),
	)
}

func (c *liveChat) leave(ctx app.Context, room live.RoomID) {
	a := &c.actions
	if a.leaveBusy {
		return
	}
	a.leaveBusy = true
	ctx.Async(func() {
		err := c.Imodel.LeaveRoom(room)
		ui.DispatchTo(ctx, c, func() {
			a.leaveBusy, a.leaveErr = false, c.Imodel.Message(err)
			a.leaving = err != nil
		})
	})
}

// hasActions says whether a line gets the small menu: lines someone else
// wrote that are on the server (they have an event ID).
func hasActions(l live.ChatLine) bool {
	return !l.Own && strings.HasPrefix(l.Key, "$")
}

// renderLineMore is the line's small menu button, in its head.
func (c *liveChat) renderLineMore(t *words.Words, l live.ChatLine) app.UI {
	a := &c.actions
	key := l.Key
	if !hasActions(l) || a.done[key] != "" {
		return nil
	}
	open := a.menuFor == key || a.reportFor == key
	return app.Button().
		Type("button").
		Class("secondary small live-line-more").
		Aria("expanded", open).
		Aria("label", t.Say("live.chat.more_label")).
		Title(t.Say("live.chat.more_title")).
		Text("⋯").
		OnClick(func(ctx app.Context, e app.Event) {
			a.reportFor, a.err, a.menuFor = "", "", key
			if open {
				a.menuFor = "" // a second click closes it
			}
		}, key)
}

// renderLineActions is what the menu opened under a line someone else
// wrote: report it to the server's administrators, or ignore its sender;
// then the report form, then the sentence confirming the report.
func (c *liveChat) renderLineActions(t *words.Words, l live.ChatLine) app.UI {
	key := l.Key
	if !hasActions(l) {
		return nil
	}
	a := &c.actions
	switch {
	case a.done[key] != "":
		return app.P().Class("live-note live-report-done").Role("status").Text(a.done[key])
	case a.reportFor == key:
		return c.renderReport(t, key)
	case a.menuFor != key:
		return nil
	}
	return app.Div().Class("live-line-actions").Body(
		app.Button().Type("button").Class("secondary small live-line-report").Text(t.Say("live.chat.report")).
			OnClick(func(ctx app.Context, e app.Event) { a.reportFor, a.menuFor, a.reason = key, "", "" }, key),
		ui.DisableIf(app.Button().Type("button").Class("secondary small live-line-ignore").Text(t.Say("live.chat.ignore", "who", c.Imodel.Who(l))).
			OnClick(func(ctx app.Context, e app.Event) { c.ignore(ctx, l) }, key), a.busy || ui.Prerendered),
		app.If(a.err != "", app.P().Class("live-error").Role("alert").Text(a.err)),
	)
}

// renderReport asks why the message is reported, then sends the report.
func (c *liveChat) renderReport(t *words.Words, key string) app.UI {
	a := &c.actions
	return app.Form().
		ID("report-form").
		Class("live-form live-report").
		OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault(); c.report(ctx, key) }, key).
		Body(
			field("report-reason", t.Say("live.chat.report_label"),
				textInput("report-reason", "text", t.Say("live.chat.report_placeholder"), "off",
					describedBy("report-reason", "", a.err), a.err != "", a.busy || ui.Prerendered,
					func(ctx app.Context, e app.Event) { a.reason, a.err = inputValue(ctx), "" }),
				"", a.err),
			app.Div().Class("live-actions").Body(
				submitButton("report-send", t.Say("live.chat.report_send"), t.Say("live.chat.report_sending"), a.busy, a.busy || ui.Prerendered),
				ui.DisableIf(app.Button().Type("button").Class("secondary").Text(t.Say("live.chat.report_cancel")).
					OnClick(func(ctx app.Context, e app.Event) { a.reportFor, a.err = "", "" }), a.busy),
			),
		)
}

func (c *liveChat) report(ctx app.Context, key string) {
	a := &c.actions
	if a.busy {
		return
	}
	a.busy, a.err = true, ""
	reason := a.reason
	ctx.Async(func() {
		msg, err := c.Imodel.ReportMessage(key, reason)
		ui.DispatchTo(ctx, c, func() {
			a.busy, a.err = false, c.Imodel.Message(err)
			if err == nil {
				if a.done == nil {
					a.done = map[string]string{}
				}
				a.done[key], a.reportFor = msg, ""
			}
		})
	})
}

func (c *liveChat) ignore(ctx app.Context, l live.ChatLine) {
	a := &c.actions
	if a.busy {
		return
	}
	a.busy, a.err = true, ""
	ctx.Async(func() {
		_, err := c.Imodel.IgnoreUser(l.Sender, l.SenderName)
		ui.DispatchTo(ctx, c, func() {
			// The sentence saying it worked is the room list's note: the
			// line itself is gone.
			a.busy, a.err = false, c.Imodel.Message(err)
			if err == nil {
				a.menuFor = ""
			}
		})
	})
}
