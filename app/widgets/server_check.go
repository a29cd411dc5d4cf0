package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// ServerCheck is the directory's "In this guide" cell for one server: the
// phrase saying what the guide's live client can do there (from the
// directory's data), and a "Check" button that, on demand (a click per
// row, never all 79 on load), asks the server itself from the browser and
// puts today's phrase in its place, which may differ from the old
// snapshot. The button waits for the app to run (CSS hides it until
// then), since without the app it could do nothing. Both phrases come from
// pages.SignupFacts.Way, the rule the open_servers_signup_in_page figure
// counts with.
type ServerCheck struct {
	app.Compo
	pageLive

	Iserver string          // name to discover, e.g. "envs.net"
	Iway    pages.SignupWay // the phrase from the directory's data

	checking bool
	// checked is the server the answer below is about: rows are reused
	// when the table is filtered, and an old answer must not show on the
	// wrong server.
	checked string
	verdict live.Verdict
	err     error
}

func NewServerCheck(server string, listed pages.SignupWay) *ServerCheck {
	return &ServerCheck{Iserver: server, Iway: listed}
}

func (c *ServerCheck) Render() app.UI {
	// The listed phrase, until a check of this server says otherwise. Text
	// only: the phrase may carry a provider's name the server sent.
	phrase := app.P().Class("signup-way").DataSet("way", string(c.Iway.Kind)).Text(c.Iway.Phrase)
	t := words.For(c.lang)
	box := app.Div().Class("server-check")
	if c.checking && c.checked == c.Iserver {
		return box.Body(phrase, app.P().Role("status").Text(t.Say("live.server_check.checking")))
	}
	// The accessible name starts with the visible words and says which
	// server, since every row has the same button.
	button := func(label, name string) app.UI {
		return app.Button().
			Type("button").
			Class("secondary small").
			Aria("label", name).
			Text(label).
			OnClick(c.onCheck)
	}
	if c.checked != c.Iserver {
		return box.Body(phrase, button(t.Say("live.server_check.check_now"),
			t.Say("live.server_check.check_now_label", "server", c.Iserver)))
	}
	if c.err != nil {
		return box.DataSet("state", "error").Body(
			phrase,
			app.P().Class("live-error").Role("status").Text(c.model.Message(c.err)),
			button(t.Say("live.server_check.check_again"),
				t.Say("live.server_check.check_again_label", "server", c.Iserver)),
		)
	}
	today := c.verdict.Signup
	if today.Kind == "" {
		// The server answered, but not clearly enough to say how it signs
		// people up: the listed phrase stays, with the verdict's words.
		return box.DataSet("state", string(c.verdict.Kind)).Body(
			phrase,
			app.P().Role("status").Title(c.verdict.Headline).Body(sentenceWith(t.Say("live.server_check.today"), map[string]app.UI{
				"way": app.Strong().Text(c.verdict.Short),
			})...),
		)
	}
	return box.DataSet("state", string(c.verdict.Kind)).Body(
		app.P().Class("signup-way").DataSet("way", string(today.Kind)).Role("status").Title(c.verdict.Headline).Body(
			sentenceWith(t.Say("live.server_check.today"), map[string]app.UI{"way": app.Strong().Text(SignupPhrase(t, today))})...,
		),
		app.If(c.verdict.Link != "",
			app.A().Href(c.verdict.Link).Target("_blank").Rel("noopener noreferrer").Text(t.Say("live.server_check.signup_page")),
		),
	)
}

func (c *ServerCheck) onCheck(ctx app.Context, e app.Event) {
	server := c.Iserver
	c.checking, c.checked = true, server
	ctx.Async(func() {
		verdict, err := c.model.CheckServer(server)
		ui.DispatchTo(ctx, c, func() {
			if c.checked != server {
				return
			}
			c.checking, c.err = false, err
			if err == nil {
				c.verdict = verdict
			}
		})
	})
}
