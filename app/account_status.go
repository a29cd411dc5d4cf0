package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// accountStatus fills the header's account slot with who is signed in and
// a Log out button. It is on every page, so it is also what brings the live
// client up on a page load (restoring a saved session), whatever chapter
// the reader lands on. Signed out, and always in prerendered HTML, the slot
// stays empty (CSS hides it), so no reader's ID is ever in a cached page.
type accountStatus struct {
	app.Compo
}

func newAccountStatus() *accountStatus {
	return &accountStatus{}
}

func (a *accountStatus) OnMount(ctx app.Context) {
	watchLive(ctx)
}

func (a *accountStatus) Render() app.UI {
	slot := app.Div().Class("account-slot").ID("account-slot")
	v := live.Now()
	if prerendered || v.UserID == "" {
		return slot
	}
	label := "Log out"
	if v.LoggingOut {
		label = "Logging out…"
	}
	return slot.Body(
		app.Span().
			Class("account-name").
			Title("Signed in as "+string(v.UserID)).
			Body(
				app.Text("Signed in as "),
				app.Strong().Text(string(v.UserID)),
			),
		disableIf(app.Button().
			ID("logout").
			Type("button").
			Class("secondary").
			Text(label).
			OnClick(a.onLogout), v.LoggingOut || !v.SignedIn),
	)
}

func (a *accountStatus) onLogout(ctx app.Context, e app.Event) {
	ctx.Async(live.LogOut)
}
