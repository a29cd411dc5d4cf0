package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// inviteBanner is the reader's invitations in every live box, whatever the
// box shows (a chat, a form, the key backup): "Alice invited you to a
// direct chat." with Join and Decline, so an invitation is seen where the
// reader is and taken in one click. Joining opens that chat: the boxes
// that have a chat show it there; in the others it opens here, below the
// invitations, until the reader chooses another room.
type inviteBanner struct {
	app.Compo

	Imodel  *live.Model // the live client's view model (live_model_*.go)
	Ilang   string      // the page's language code
	Iwidget string      // the box's widget (pages.Widget*)
	opened  bool        // a Join in this box opened the chat this box shows
}

func newInviteBanner(m *live.Model, lang string) *inviteBanner {
	return &inviteBanner{Imodel: m, Ilang: lang}
}

// Widget names the box's widget.
func (b *inviteBanner) Widget(name string) *inviteBanner {
	b.Iwidget = name
	return b
}

func (b *inviteBanner) OnMount(ctx app.Context) {
	WatchLive(ctx, b.Imodel)
}

// onLiveChange: once the reader leaves the chat opened here (or signs
// out), the box goes back to its own widget alone.
func (b *inviteBanner) onLiveChange(ctx app.Context) {
	if v := b.Imodel.Now(); !v.SignedIn || v.Room.ID == "" {
		b.opened = false
	}
}

// showsChat tells the widgets that show the open room themselves.
func showsChat(widget string) bool {
	return widget == pages.WidgetFirstMessage || widget == WidgetQuickStart
}

func (b *inviteBanner) Render() app.UI {
	v := b.Imodel.Now()
	// Always there, empty while there is nothing to say, so that screen
	// readers announce an invitation when it arrives.
	region := app.Div().Class("live-invites-slot").Role("status").Aria("live", "polite")
	if ui.Prerendered || !v.SignedIn || v.Restoring {
		return app.Div().Body(region)
	}
	chat := b.opened && v.Room.ID != "" && !showsChat(b.Iwidget)
	return app.Div().Body(
		region.Body(ui.When(len(v.Invites) > 0, func() app.UI { return b.renderList(words.For(b.Ilang), v.Invites) })),
		ui.When(chat, func() app.UI { return newLiveChat(b.Imodel, b.Ilang) }),
	)
}

func (b *inviteBanner) renderList(t *words.Words, invites []live.InviteView) app.UI {
	return app.Ul().Class("live-invites").Aria("label", t.Say("live.invites.label")).Body(
		app.Range(invites).Slice(func(i int) app.UI {
			inv := invites[i]
			busy := inv.Joining || inv.Declining
			join := busyText(inv.Joining, t.Say("live.invites.join"), t.Say("live.invites.joining"))
			decline := busyText(inv.Declining, t.Say("live.invites.decline"), t.Say("live.invites.declining"))
			room := inv.RoomID
			return app.Li().Class("live-invite").DataSet("room", string(room)).Body(
				// Who and What are names other people chose: text only.
				app.P().Class("live-invite-text").Body(sentenceWith(t.Say("invite.sentence"), map[string]app.UI{
					"who":  app.Strong().Dir("auto").Title(string(inv.Inviter)).Text(inv.Who),
					"what": app.Strong().Dir("auto").Text(inv.What),
				})...),
				app.Div().Class("live-actions").Body(
					// The scope ties each handler to its invitation: go-app
					// otherwise keeps the first closure for a reused row.
					ui.DisableIf(app.Button().
						Type("button").
						Class("live-invite-join").
						Aria("label", t.Say("live.invites.join_label", "invitation", b.Imodel.InviteSentence(inv))).
						Text(join).
						OnClick(func(ctx app.Context, e app.Event) { b.join(ctx, inv) }, room), busy || ui.Prerendered),
					ui.DisableIf(app.Button().
						Type("button").
						Class("secondary live-invite-decline").
						Aria("label", t.Say("live.invites.decline_label", "invitation", b.Imodel.InviteSentence(inv))).
						Text(decline).
						OnClick(func(ctx app.Context, e app.Event) { b.decline(ctx, inv) }, room), busy || ui.Prerendered),
				),
				app.If(inv.Error != "", app.P().Class("live-error").Role("alert").Text(inv.Error)),
			)
		}),
	)
}

func (b *inviteBanner) join(ctx app.Context, inv live.InviteView) {
	ctx.Async(func() {
		if b.Imodel.AcceptInvite(inv.RoomID) != nil {
			return // worded on the invitation
		}
		ui.DispatchTo(ctx, b, func() { b.opened = true })
		// The next step is to answer: once the chat is on the page, the
		// cursor goes to its message box. (Not ctx.Defer: ctx is the
		// click's, and its button is gone with the invitation.)
		ctx.Dispatcher().Dispatch(app.Dispatch{
			Mode:     app.Defer,
			Source:   b,
			Function: func(app.Context) { ui.FocusElement("fm-message") },
		})
	})
}

func (b *inviteBanner) decline(ctx app.Context, inv live.InviteView) {
	ctx.Async(func() { _ = b.Imodel.DeclineInvite(inv.RoomID) })
}
