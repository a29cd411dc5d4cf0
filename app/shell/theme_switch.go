package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"

	// themeStorageKey is also read by the small script in the page head
	// (themeHeadJS), which applies the choice before anything is painted.
	themeStorageKey = "hello-matrix-theme"
)

// themeHeadJS runs in <head> before the page is drawn (HeadScript), so a
// reader who chose a theme never sees the other one flash by while the app
// loads.
const themeHeadJS = `try{var t=localStorage.getItem("` + themeStorageKey + `");` +
	`if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}`

// themeSwitch lets the reader override the system colour scheme. "System"
// removes data-theme from <html> so the CSS follows prefers-color-scheme.
type themeSwitch struct {
	app.Compo
	ui.SplitsMount

	Ilang string
	theme string
}

func newThemeSwitch() *themeSwitch {
	return &themeSwitch{theme: themeSystem}
}

func (t *themeSwitch) Lang(code string) *themeSwitch {
	t.Ilang = code
	return t
}

func (t *themeSwitch) OnMount(ctx app.Context) {
	t.theme = storedTheme()
}

func (t *themeSwitch) Render() app.UI {
	w := words.For(t.Ilang)
	return app.Div().
		Class("theme-switch").
		Body(
			app.Label().
				For("theme-choice").
				Text(w.Say("site.theme.label")),
			app.Select().
				ID("theme-choice").
				OnChange(t.onChange).
				Body(
					t.option(themeSystem, w.Say("site.theme.system")),
					t.option(themeLight, w.Say("site.theme.light")),
					t.option(themeDark, w.Say("site.theme.dark")),
				),
		)
}

func (t *themeSwitch) option(value, label string) app.UI {
	opt := app.Option().
		Value(value).
		Text(label)
	// Only ever write selected="true": HTML reads any selected attribute,
	// even selected="false", as selected.
	if t.theme == value {
		opt = opt.Selected(true)
	}
	return opt
}

func (t *themeSwitch) onChange(ctx app.Context, e app.Event) {
	t.theme = ctx.JSSrc().Get("value").String()
	applyTheme(t.theme)
}

// storedTheme reads the raw string (not go-app's JSON-encoded storage) so the
// head script can read it too.
func storedTheme() string {
	v := app.Window().Get("localStorage").Call("getItem", themeStorageKey)
	if v.Truthy() {
		switch s := v.String(); s {
		case themeLight, themeDark:
			return s
		}
	}
	return themeSystem
}

func applyTheme(theme string) {
	root := app.Window().Get("document").Get("documentElement")
	storage := app.Window().Get("localStorage")
	switch theme {
	case themeLight, themeDark:
		root.Call("setAttribute", "data-theme", theme)
		storage.Call("setItem", themeStorageKey, theme)
	default:
		root.Call("removeAttribute", "data-theme")
		storage.Call("removeItem", themeStorageKey)
	}
}
