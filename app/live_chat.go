package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// liveChat shows the open room: its messages, each of ours with its
// delivery state, and a box to write in. Replies arrive through the sync
// loop; sending goes through the core's outbox, so a message survives a
// reload and a retry never posts it twice.
type liveChat struct {
	app.Compo

	running bool
	draft   string
	errs    live.FormErrors
}

func newLiveChat() *liveChat {
	return &liveChat{}
}

func (c *liveChat) OnMount(ctx app.Context) {
	c.running = true
	watchLive(ctx)
	ctx.Defer(scrollChatToEnd)
}

// onLiveChange keeps the newest message in view as messages arrive, unless
// the reader has scrolled up to read older ones.
func (c *liveChat) onLiveChange(ctx app.Context) {
	list := app.Window().Get("document").Call("querySelector", ".live-lines")
	if !list.Truthy() {
		ctx.Defer(scrollChatToEnd)
		return
	}
	gap := list.Get("scrollHeight").Int() - list.Get("scrollTop").Int() - list.Get("clientHeight").Int()
	if gap < 48 {
		ctx.Defer(scrollChatToEnd)
	}
}

func scrollChatToEnd(ctx app.Context) {
	if list := app.Window().Get("document").Call("querySelector", ".live-lines"); list.Truthy() {
		list.Set("scrollTop", list.Get("scrollHeight"))
	}
}

func (c *liveChat) Render() app.UI {
	v := live.Now()
	return app.Div().Class("live-widget live-chat").Body(
		app.Div().Class("live-chat-head").Body(
			app.P().Body(app.Text("Room: "), app.Strong().Class("live-room-name").Text(v.Room.Label)),
			app.Button().
				Type("button").
				Class("secondary").
				Text("Choose another room").
				OnClick(func(ctx app.Context, e app.Event) { live.CloseRoom() }),
		),
		c.renderLines(v.Lines),
		app.Form().
			ID("fm-send-form").
			Class("live-form live-composer").
			OnSubmit(c.onSend).
			Body(
				field("fm-message", "Your message",
					app.Div().Class("live-input-row").Body(
						textInput("fm-message", "text", "", "off",
							describedBy("fm-message", "", c.errs[live.FieldMessage]), c.errs[live.FieldMessage] != "", !c.running,
							func(ctx app.Context, e app.Event) { c.draft = inputValue(ctx); delete(c.errs, live.FieldMessage) }),
						submitButton("fm-send", "Send", "Sending…", false, !c.running),
					),
					"", c.errs[live.FieldMessage]),
				formError("fm-send-form", c.errs[live.FieldForm]),
			),
		// After the composer, so its coming and going never moves the field
		// being typed in (see textInput).
		app.If(v.Offline != "", app.P().Class("live-note").Role("status").Text(v.Offline)),
		encryptionNote(v.RoomEncrypted), // live_keys_lock.go
	)
}

// renderLines is the conversation, newest at the bottom. It is a log
// region, so screen readers announce new messages as they arrive.
func (c *liveChat) renderLines(lines []live.ChatLine) app.UI {
	if len(lines) == 0 {
		return app.P().Class("live-hint live-chat-empty").Text("No messages here yet. Say hello!")
	}
	return app.Ol().
		Class("live-lines").
		Role("log").
		Aria("label", "Messages").
		Body(
			app.Range(lines).Slice(func(i int) app.UI {
				return c.renderLine(lines[i])
			}),
		)
}

func (c *liveChat) renderLine(l live.ChatLine) app.UI {
	who := string(l.Sender)
	if l.Own {
		who = "You"
	}
	// dir="auto" gives each body its own direction, so right-to-left text
	// or a stray U+202E cannot reorder the sender's name or the next line.
	body := app.UI(app.Span().Class("live-line-body").Dir("auto").Text(l.Body))
	if l.Encrypted {
		body = app.Span().Class("live-line-body live-hint").Text(l.Unreadable)
	}
	class := "live-line"
	if l.Own {
		class += " own"
	}
	return app.Li().
		Class(class).
		DataSet("key", l.Key).
		Body(
			app.Span().Class("live-line-sender").Text(who),
			lockFor(l), // live_keys_lock.go
			// Message bodies are plain text, never the sender's HTML.
			body,
			app.If(l.Own, c.renderState(l)),
		)
}

// renderState says where one of our messages is, in words, with Retry when
// it failed. Retry resends under the same transaction ID.
func (c *liveChat) renderState(l live.ChatLine) app.UI {
	label := map[live.MessageState]string{
		live.StatePending: "Waiting to send",
		live.StateSending: "Sending…",
		live.StateSent:    "Sent",
		live.StateFailed:  "Not sent",
	}[l.State]
	state := app.Span().Class("message-state").DataSet("state", string(l.State)).Text(label)
	if l.State != live.StateFailed {
		return state
	}
	txn := l.TxnID
	return app.Span().Class("live-line-failed").Body(
		state,
		app.Span().Class("live-error").Text(l.Error),
		app.Button().
			Type("button").
			Class("secondary").
			Text("Retry").
			OnClick(func(ctx app.Context, e app.Event) { ctx.Async(func() { live.Deliver(txn) }) }, txn),
	)
}

func (c *liveChat) onSend(ctx app.Context, e app.Event) {
	e.PreventDefault()
	txn, err := live.Queue(c.draft)
	c.errs.Set(err, live.FieldMessage)
	if err != nil {
		return
	}
	c.draft = ""
	clearField("fm-message")
	ctx.Async(func() { live.Deliver(txn) })
}
