package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// serverCheck is the directory's "Check" button for one server: on demand
// (a click per row, never all 79 on load) it asks the server itself, from
// the browser, what a reader can do there today, which may differ from
// the directory's old snapshot. The button waits for the app to run
// (CSS hides it until then), since without the app it could do nothing.
type serverCheck struct {
	app.Compo

	Iserver string // name to discover, e.g. "envs.net"

	checking bool
	// checked is the server the answer below is about: rows are reused
	// when the table is filtered, and an old answer must not show on the
	// wrong server.
	checked string
	verdict live.Verdict
	err     error
}

func newServerCheck(server string) *serverCheck {
	return &serverCheck{Iserver: server}
}

func (c *serverCheck) Render() app.UI {
	box := app.Div().Class("server-check")
	if c.checking && c.checked == c.Iserver {
		return box.Body(app.P().Role("status").Text("Checking…"))
	}
	// The accessible name starts with the visible words and says which
	// server, since every row has the same button.
	button := func(label string) app.UI {
		return app.Button().
			Type("button").
			Class("secondary small").
			Aria("label", label+": "+c.Iserver).
			Text(label).
			OnClick(c.onCheck)
	}
	if c.checked != c.Iserver {
		return box.Body(button("Check now"))
	}
	if c.err != nil {
		return box.DataSet("state", "error").Body(
			app.P().Class("live-error").Role("status").Text(live.Message(c.err)),
			button("Check again"),
		)
	}
	return box.DataSet("state", string(c.verdict.Kind)).Body(
		app.P().Role("status").Title(c.verdict.Headline).Body(
			app.Text("Today: "), app.Strong().Text(c.verdict.Short),
		),
		app.If(c.verdict.Link != "",
			app.A().Href(c.verdict.Link).Target("_blank").Rel("noopener noreferrer").Text("Its sign-up page"),
		),
	)
}

func (c *serverCheck) onCheck(ctx app.Context, e app.Event) {
	server := c.Iserver
	c.checking, c.checked = true, server
	ctx.Async(func() {
		verdict, err := live.CheckServer(server)
		dispatchTo(ctx, c, func() {
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
