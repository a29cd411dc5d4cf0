package widgets

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// liveChat shows the open room: its messages (who wrote each, when, and
// where each of ours is on its way), older ones on request, a marker where
// new ones begin, and a box to write in. Replies arrive through the sync
// loop; sending goes through the core's outbox, so a message survives a
// reload and a retry never posts it twice.
type liveChat struct {
	app.Compo

	Imodel *live.Model // the live client's view model (live_model_*.go)
	Ilang  string      // the page's language code

	// Ifocus puts the cursor in the message box once the chat shows: for a
	// reader sent here straight from signing up (the quick start), whose
	// next step is to type.
	Ifocus bool

	draft   string
	errs    live.FormErrors
	reading chatReading // what the reader has seen (live_chat_reading.go)
	actions chatActions // leaving, reporting, ignoring (live_chat_actions.go)
}

func newLiveChat(m *live.Model, lang string) *liveChat {
	return &liveChat{Imodel: m, Ilang: lang}
}

// Focus asks for the message box to be focused when the chat appears.
func (c *liveChat) Focus() *liveChat {
	c.Ifocus = true
	return c
}

func (c *liveChat) OnMount(ctx app.Context) {
	c.reading.room = string(c.Imodel.Now().Room.ID)
	WatchLive(ctx, c.Imodel)
	ctx.Defer(func(ctx app.Context) {
		scrollChatToEnd(ctx)
		c.reading.seeAll(c.Imodel.Now().Lines, false)
		if c.Ifocus {
			ui.FocusElement("fm-message")
		}
	})
}

func (c *liveChat) Render() app.UI {
	v := c.Imodel.Now()
	t := words.For(c.Ilang)
	return app.Div().Class("live-widget live-chat").Body(
		newRoomList(c.Imodel, c.Ilang), // live_rooms.go
		app.Div().Class("live-chat-head").Body(
			// The room's label is text (an address, or a name someone
			// chose), never markup.
			app.P().Body(sentenceWith(t.Say("live.chat.room"), map[string]app.UI{
				"room": app.Strong().Class("live-room-name").Text(v.Room.Label),
			})...),
			app.Button().
				Type("button").
				Class("secondary").
				Text(t.Say("live.chat.choose_room")).
				OnClick(func(ctx app.Context, e app.Event) { c.Imodel.CloseRoom() }),
			c.renderLeave(t, v), // live_chat_actions.go
		),
		c.renderEarlier(v.History),
		c.renderLines(t, v.Lines),
		c.renderJump(v.Lines),
		app.Form().
			ID("fm-send-form").
			Class("live-form live-composer").
			OnSubmit(c.onSend).
			Body(
				field("fm-message", t.Say("live.chat.message_label"),
					app.Div().Class("live-input-row").Body(
						textInput("fm-message", "text", "", "off",
							describedBy("fm-message", "", c.errs[live.FieldMessage]), c.errs[live.FieldMessage] != "", ui.Prerendered,
							func(ctx app.Context, e app.Event) { c.draft = inputValue(ctx); delete(c.errs, live.FieldMessage) }),
						submitButton("fm-send", t.Say("live.chat.send"), "", false, ui.Prerendered),
					),
					"", c.errs[live.FieldMessage]),
				formError("fm-send-form", c.errs[live.FieldForm]),
			),
		// After the composer, so its coming and going never moves the field
		// being typed in (see textInput).
		app.If(v.Offline != "", app.P().ID("chat-connection").Class("live-note").Role("status").Text(v.Offline)),
		app.If(v.JustSent, c.renderWhatHappened()),
		encryptionNote(t, v.RoomEncrypted), // live_keys_lock.go
		newIdentityNote(c.Imodel, c.Ilang), // live_identity.go
	)
}

// renderEarlier is the row above the messages: a button for the page
// before the oldest shown, or the sentence saying there is none.
func (c *liveChat) renderEarlier(h live.HistoryView) app.UI {
	row := app.Div().Class("live-history").ID("chat-history").Aria("live", "polite")
	if h.None {
		return row.Body(app.P().Class("live-hint").ID("chat-history-none").Text(h.Note))
	}
	label := c.Imodel.Say(live.HistoryMore)
	if h.Loading {
		label = c.Imodel.Say(live.HistoryBusy)
	}
	return row.Body(
		ui.DisableIf(app.Button().
			ID("chat-earlier").
			Type("button").
			Class("secondary").
			Text(label).
			OnClick(c.onEarlier), h.Loading || ui.Prerendered),
		app.If(h.Note != "", app.P().Class("live-error").Text(h.Note)),
	)
}

// renderLines is the conversation, newest at the bottom. It is a log
// region, so screen readers announce new messages as they arrive.
func (c *liveChat) renderLines(t *words.Words, lines []live.ChatLine) app.UI {
	if len(lines) == 0 {
		return app.P().Class("live-hint live-chat-empty").Text(t.Say("live.chat.empty"))
	}
	marker := c.reading.markerAt(lines)
	now := time.Now()
	items := make([]app.UI, 0, len(lines)+1)
	for i, l := range lines {
		if i == marker {
			items = append(items, app.Li().
				ID("chat-new-marker").
				Class("live-new-marker").
				Role("separator").
				Text(c.Imodel.Say(live.NewMessages)))
		}
		items = append(items, c.renderLine(t, l, now))
	}
	return app.Ol().
		Class("live-lines").
		Role("log").
		Aria("label", t.Say("live.chat.messages")).
		OnScroll(c.onScroll).
		Body(items...)
}

func (c *liveChat) renderLine(t *words.Words, l live.ChatLine, now time.Time) app.UI {
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
			app.Div().Class("live-line-head").Body(
				// The display name is what the sender chose: text, never
				// markup. Their user ID, which nobody can fake, shows on
				// hover (title) and on focus (CSS shows the title then).
				app.Span().
					Class("live-line-sender").
					Dir("auto").
					Title(string(l.Sender)).
					TabIndex(0).
					Text(c.Imodel.Who(l)),
				app.If(!l.Time.IsZero(),
					app.Time().
						Class("live-line-time").
						DateTime(l.Time.UTC().Format(time.RFC3339)).
						Title(live.FullTime(l.Time)).
						Text(live.ShortTime(l.Time, now)),
				),
				c.renderLineMore(t, l), // live_chat_actions.go
				lockFor(t, l),          // live_keys_lock.go
			),
			// Message bodies are plain text, never the sender's HTML.
			body,
			ui.When(l.Own, func() app.UI { return c.renderState(t, l) }),
			c.renderLineActions(t, l),
		)
}

// renderJump offers a way down to the first new message while the reader
// is reading further up.
func (c *liveChat) renderJump(lines []live.ChatLine) app.UI {
	n := c.reading.unseen(lines)
	return app.Div().Class("live-jump").Body(
		app.If(n > 0,
			app.Button().
				ID("chat-jump-new").
				Type("button").
				Text(c.Imodel.JumpToNew(n)).
				OnClick(c.onJump),
		),
	)
}

// renderWhatHappened explains the reader's first message, with the chapter
// section that tells the whole story.
func (c *liveChat) renderWhatHappened() app.UI {
	return app.P().Class("live-note live-what-happened").ID("chat-what-happened").Body(
		sentenceWith(c.Imodel.Say(live.WhatJustHappened), map[string]app.UI{
			"link": app.A().
				Href(ui.SitePath(ui.LocalRoute(c.Ilang, "/guide/"+live.WhatJustHappenedChapter)) + "#" + live.WhatJustHappenedAnchor).
				Text(c.Imodel.Say(live.WhatJustHappenedLink)),
		})...,
	)
}

// renderState says where one of our messages is, in words, with Retry when
// it failed. Retry resends under the same transaction ID.
func (c *liveChat) renderState(t *words.Words, l live.ChatLine) app.UI {
	var label string
	switch l.State {
	case live.StatePending:
		label = t.Say("live.chat.state_pending")
	case live.StateSending:
		label = t.Say("live.chat.state_sending")
	case live.StateSent:
		label = t.Say("live.chat.state_sent")
	case live.StateFailed:
		label = t.Say("live.chat.state_failed")
	}
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
			Text(t.Say("live.chat.retry")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.Async(func() { c.Imodel.Deliver(txn) }) }, txn),
	)
}

func (c *liveChat) onSend(ctx app.Context, e app.Event) {
	e.PreventDefault()
	txn, err := c.Imodel.Queue(c.draft)
	c.errs = c.Imodel.FormErrors(err, live.FieldMessage)
	if err != nil {
		return
	}
	c.draft = ""
	clearField("fm-message")
	// Writing is answering: whatever was new has been read.
	c.reading.clearMarker()
	ctx.Defer(scrollChatToEnd)
	ctx.Async(func() { c.Imodel.Deliver(txn) })
}

// onEarlier loads the page before the oldest line, then keeps the reader's
// place once the older lines are on the screen.
func (c *liveChat) onEarlier(ctx app.Context, e app.Event) {
	c.reading.keepPlace()
	ctx.Async(func() {
		c.Imodel.LoadEarlier()
		ctx.Dispatch(func(ctx app.Context) { c.reading.backInPlace(ctx, c.Imodel) })
	})
}
