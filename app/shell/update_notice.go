package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
)

// updateNotice tells the reader when the service worker has fetched a newer
// version of the guide. It floats over the page so it never pushes the text
// around, and waits for the reader to choose when to reload.
type updateNotice struct {
	app.Compo

	Ilang     string
	available bool
}

func newUpdateNotice() *updateNotice {
	return &updateNotice{}
}

func (n *updateNotice) Lang(code string) *updateNotice {
	n.Ilang = code
	return n
}

func (n *updateNotice) OnMount(ctx app.Context) {
	n.available = ctx.AppUpdateAvailable()
}

func (n *updateNotice) OnAppUpdate(ctx app.Context) {
	n.available = ctx.AppUpdateAvailable()
}

func (n *updateNotice) Render() app.UI {
	// The live region exists from the start: screen readers only announce
	// changes to regions that were already on the page.
	w := words.For(n.Ilang)
	return app.Div().
		Class("update-region").
		Role("status").
		Body(
			app.If(n.available,
				app.Div().
					Class("update-notice").
					Body(
						app.P().Text(w.Say("site.update.available")),
						app.Button().
							Type("button").
							Text(w.Say("site.update.reload")).
							OnClick(n.onReload),
					),
			),
		)
}

func (n *updateNotice) onReload(ctx app.Context, e app.Event) {
	ctx.Reload()
}
