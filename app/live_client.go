package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// liveClient marks the place in a chapter where the reader will be able to
// try each step against a real Matrix server. Until the practice client is
// built it explains itself instead of leaving an empty box.
type liveClient struct {
	app.Compo

	Iwidget string
	running bool
}

func newLiveClient() *liveClient {
	return &liveClient{}
}

func (l *liveClient) Widget(name string) *liveClient {
	l.Iwidget = name
	return l
}

func (l *liveClient) OnMount(ctx app.Context) {
	l.running = true
}

func (l *liveClient) Render() app.UI {
	headingID := "live-" + l.Iwidget
	body := "live-client-body"
	if l.running {
		body += " running"
	}
	return app.Section().
		Class("live-client").
		DataSet("widget", l.Iwidget).
		Aria("labelledby", headingID).
		Body(
			// h3: chapters introduce the box under their own "Try it here" h2.
			app.H3().
				ID(headingID).
				Text(liveClientHeading(l.Iwidget)),
			// Both messages are always there, stacked in one grid cell, and
			// CSS shows one: the box is as tall as the longer one from the
			// start, so nothing below moves when the app takes over.
			app.Div().
				Class(body).
				Body(
					app.P().
						Class("live-client-status live-client-waiting").
						Text("The live client loads here once the page has finished loading."),
					app.P().
						Class("live-client-status live-client-note").
						Text("A practice client you can use right on this page is coming in the next version of the guide. "+
							"For now, follow the steps above in any Matrix app."),
				),
		)
}

// liveClientHeading names what the reader will do in each widget.
func liveClientHeading(widget string) string {
	switch widget {
	case pages.WidgetServerPicker:
		return "Try it here: pick a server"
	case pages.WidgetRegister:
		return "Try it here: create an account"
	case pages.WidgetLogin:
		return "Try it here: sign in"
	case pages.WidgetFirstMessage:
		return "Try it here: send your first message"
	default:
		return "Try it here"
	}
}
