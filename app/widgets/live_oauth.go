package widgets

import (
	"context"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// oauthChoice is the one button of a server that signs people in through
// OAuth 2.0 (matrix.org and every server on the Matrix Authentication
// Service): "Create an account on …" under the sign-up form's place,
// "Sign in on …" under the log-in form. A click registers the guide with the
// server's sign-in service if needed, notes the trip and sends the whole
// page there; the server sends the reader back to this chapter, where
// live/oauth.go finishes the sign-in. It also says how a sign-in that just
// came back is going, and brings itself into view then, since the reader
// lands at the top of the chapter.
type oauthChoice struct {
	app.Compo

	Imodel  *live.Model // the live client's view model (live_model_*.go)
	Ilang   string      // the page's language code
	Iprefix string      // "register" or "login", for the element IDs
	Isignup bool

	leaving bool
	err     string
}

func newOAuthChoice(m *live.Model, lang, prefix string, signup bool) *oauthChoice {
	return &oauthChoice{Imodel: m, Ilang: lang, Iprefix: prefix, Isignup: signup}
}

func (c *oauthChoice) OnMount(ctx app.Context) {
	WatchLive(ctx, c.Imodel)
	if st := c.Imodel.OAuthNow(); st.Finishing || st.Err != nil || st.Done != "" {
		ctx.Defer(func(app.Context) {
			if el := app.Window().GetElementByID(c.Iprefix + "-oauth"); el.Truthy() {
				el.Call("scrollIntoView", map[string]any{"block": "center"})
			}
		})
	}
}

func (c *oauthChoice) Render() app.UI {
	v := c.Imodel.Now()
	t := words.For(c.Ilang)
	st := c.Imodel.OAuthNow()
	label := ""
	if v.Server != nil && !v.SignedIn {
		label = c.Imodel.OAuthChoice(v.Server, c.Isignup)
	}
	errText := c.err
	if errText == "" && st.Err != nil {
		errText = c.Imodel.Message(st.Err)
	}
	if label == "" && !st.Finishing && errText == "" {
		return app.Div().ID(c.Iprefix + "-oauth").Class("live-oauth")
	}
	return app.Div().ID(c.Iprefix+"-oauth").Class("live-oauth").Body(
		ui.When(st.Finishing, func() app.UI {
			return app.P().Role("status").Text(t.Say("live.oauth.finishing", "server", st.Server))
		}),
		ui.When(label != "" && !st.Finishing, func() app.UI {
			return app.Div().Class("live-actions").Body(
				ui.DisableIf(app.Button().
					ID(c.Iprefix+"-oauth-go").
					Type("button").
					Text(label).
					OnClick(func(ctx app.Context, e app.Event) { c.leave(ctx, v) }), ui.Prerendered || c.leaving),
			)
		}),
		ui.When(c.leaving, func() app.UI {
			return app.P().Role("status").Text(t.Say("live.oauth.opening"))
		}),
		formError(c.Iprefix+"-oauth", errText),
	)
}

// leave registers and notes the trip (requests to the server's sign-in
// service), then sends the page away.
func (c *oauthChoice) leave(ctx app.Context, v live.View) {
	c.leaving, c.err = true, ""
	signup := c.Isignup
	ctx.Async(func() {
		rctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		target, err := c.Imodel.StartOAuth(rctx, v, signup)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.leaving, c.err = false, c.Imodel.Message(err)
				return
			}
			app.Window().Get("location").Call("assign", target)
		})
	})
}
