package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// liveClient is the box in a chapter where the reader tries each step
// against a real Matrix server: a heading, one line about the box, and the
// widget itself (server picker, sign-up, log-in or first message). The
// prerendered page has the widget in its empty state, controls disabled,
// so the box already has its final size before app.wasm arrives; with
// JavaScript, app.js enables its text fields and starts the app when the
// reader uses one (app/site/app_start.go).
type liveClient struct {
	app.Compo
	splitsMount

	Iwidget string
}

func newLiveClient() *liveClient {
	return &liveClient{}
}

func (l *liveClient) Widget(name string) *liveClient {
	l.Iwidget = name
	return l
}

func (l *liveClient) Render() app.UI {
	headingID := "live-" + l.Iwidget
	body := "live-client-body"
	if !prerendered {
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
						Text("The live client starts here when you use it (it needs JavaScript)."),
					app.P().
						Class("live-client-status live-client-note").
						Text("This is a real Matrix client, running in your browser: it talks only to the server you choose."),
				),
			// Invitations show in every box, above what it is for
			// (live_invites.go).
			newInviteBanner().Widget(l.Iwidget),
			// So does verification with the reader's other devices
			// (live_verify.go).
			newVerifyPanel(),
			liveWidget(l.Iwidget),
		)
}

// liveWidget is the component behind each widget name.
func liveWidget(name string) app.UI {
	switch name {
	case pages.WidgetServerPicker:
		return newServerPicker()
	case pages.WidgetRegister:
		return newRegisterForm()
	case pages.WidgetLogin:
		return newLoginForm()
	case pages.WidgetFirstMessage:
		return newFirstMessage()
	case widgetQuickStart:
		return newQuickStart()
	case pages.WidgetKeyBackup:
		return newKeyBackup() // live_keys.go
	}
	return nil
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
	case widgetQuickStart:
		return "Create an account and say hello"
	case pages.WidgetKeyBackup:
		return "Try it here: set up recovery"
	default:
		return "Try it here"
	}
}
