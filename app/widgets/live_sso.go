package widgets

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// ssoChoices are the "Continue with <provider>" buttons of a server that
// offers single sign-on, shown under the sign-up and log-in forms (below,
// so they never move the fields). A click sends the whole page to the
// server's sign-in; the reader comes back to this chapter signed in (see
// live/sso.go). It also says how a sign-in that just came back is going.
type ssoChoices struct {
	app.Compo

	Imodel  *live.Model // the live client's view model (live_model_*.go)
	Ilang   string      // the page's language code
	Iprefix string      // "register" or "login", for the element IDs
	Ilead   string      // the sentence above the buttons

	leaving bool
	err     string
}

func newSSOChoices(m *live.Model, lang, prefix, lead string) *ssoChoices {
	return &ssoChoices{Imodel: m, Ilang: lang, Iprefix: prefix, Ilead: lead}
}

func (c *ssoChoices) OnMount(ctx app.Context) {
	WatchLive(ctx, c.Imodel)
}

func (c *ssoChoices) Render() app.UI {
	v := c.Imodel.Now()
	t := words.For(c.Ilang)
	st := c.Imodel.SSONow()
	var providers []live.SSOProvider
	if v.Server != nil && !v.SignedIn {
		providers = c.Imodel.SSOProviders(v.Server)
	}
	errText := c.err
	if errText == "" && st.Err != nil {
		errText = c.Imodel.Message(st.Err)
	}
	if len(providers) == 0 && !st.Finishing && errText == "" {
		return app.Div().ID(c.Iprefix + "-sso").Class("live-sso")
	}
	return app.Div().ID(c.Iprefix+"-sso").Class("live-sso").Body(
		ui.When(st.Finishing, func() app.UI {
			return app.P().Role("status").Text(t.Say("live.sso.finishing", "provider", st.Provider))
		}),
		ui.When(len(providers) > 0 && !st.Finishing, func() app.UI {
			return app.Div().Body(
				app.P().Text(c.Ilead),
				app.Div().Class("live-actions").Body(
					app.Range(providers).Slice(func(i int) app.UI {
						p := providers[i]
						return ui.DisableIf(app.Button().
							ID(c.Iprefix+"-sso-"+strconv.Itoa(i)).
							Class("secondary").
							Type("button").
							Text(t.Say("live.sso.continue", "provider", p.Name)).
							OnClick(func(ctx app.Context, e app.Event) { c.leaveFor(ctx, v, p) }), ui.Prerendered || c.leaving)
					}),
				),
			)
		}),
		formError(c.Iprefix+"-sso", errText),
	)
}

// leaveFor notes the trip and sends the page away. It all happens in the click:
// storage is written before the page starts to leave.
func (c *ssoChoices) leaveFor(ctx app.Context, v live.View, p live.SSOProvider) {
	target, err := c.Imodel.StartSSO(v, p)
	if err != nil {
		c.err = c.Imodel.Message(err)
		return
	}
	c.leaving, c.err = true, ""
	app.Window().Get("location").Call("assign", target)
}
