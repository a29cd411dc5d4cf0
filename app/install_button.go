package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// installButton appears only while the browser offers to install the guide as
// an app, and opens the browser's own install prompt.
type installButton struct {
	app.Compo

	installable bool
}

func newInstallButton() *installButton {
	return &installButton{}
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
	return app.Span().
		Class("install-slot").
		Body(
			app.Button().
				Type("button").
				Class("install-button").
				Title("Add Hello Matrix to your device so it opens like an app, even offline").
				Text("Install").
				OnClick(b.onClick),
		)
}

func (b *installButton) onClick(ctx app.Context, e app.Event) {
	ctx.ShowAppInstallPrompt()
}
