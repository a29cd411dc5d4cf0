package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/words"
)

// installButton appears only while the browser offers to install the guide as
// an app, and opens the browser's own install prompt.
type installButton struct {
	app.Compo

	Ilang       string
	installable bool
}

func newInstallButton() *installButton {
	return &installButton{}
}

func (b *installButton) Lang(code string) *installButton {
	b.Ilang = code
	return b
}

func (b *installButton) OnMount(ctx app.Context) {
	b.installable = ctx.IsAppInstallable()
}

func (b *installButton) OnAppInstallChange(ctx app.Context) {
	b.installable = ctx.IsAppInstallable()
}

func (b *installButton) Render() app.UI {
	if !b.installable {
		return app.Span().Class("install-slot")
	}
	w := words.For(b.Ilang)
	return app.Span().
		Class("install-slot").
		Body(
			app.Button().
				Type("button").
				Class("install-button").
				Title(w.Say("site.install.title")).
				Text(w.Say("site.install.button")).
				OnClick(b.onClick),
		)
}

func (b *installButton) onClick(ctx app.Context, e app.Event) {
	ctx.ShowAppInstallPrompt()
}
