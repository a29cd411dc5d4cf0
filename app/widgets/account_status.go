package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// AccountStatus fills the header's account slot with who is signed in and
// a Log out button. It is on every page, so it is also what brings the live
// client up on a page load (restoring a saved session), whatever chapter
// the reader lands on. Signed out, and always in prerendered HTML, the slot
// stays empty (CSS hides it), so no reader's ID is ever in a cached page.
type AccountStatus struct {
	app.Compo
	pageLive
}

func NewAccountStatus() *AccountStatus {
	return &AccountStatus{}
}

func (a *AccountStatus) OnMount(ctx app.Context) {
	WatchLive(ctx, a.model)
}

func (a *AccountStatus) Render() app.UI {
	slot := app.Div().Class("account-slot").ID("account-slot")
	v := a.model.Now()
	if ui.Prerendered || v.UserID == "" {
		return slot
	}
	t := words.For(a.lang)
	label := busyText(v.LoggingOut, t.Say("live.account.log_out"), t.Say("live.account.logging_out"))
	return slot.Body(
		app.Span().
			Class("account-name").
			Title(t.Say("live.account.signed_in_as", "user", string(v.UserID))).
			Body(sentenceWith(t.Say("live.account.signed_in_as"), map[string]app.UI{
				"user": app.Strong().Text(string(v.UserID)),
			})...),
		ui.DisableIf(app.Button().
			ID("logout").
			Type("button").
			Class("secondary").
			Text(label).
			OnClick(a.onLogout), v.LoggingOut || !v.SignedIn),
	)
}

func (a *AccountStatus) onLogout(ctx app.Context, e app.Event) {
	ctx.Async(a.model.LogOut)
}
