package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// LiveClient is the box in a chapter where the reader tries each step
// against a real Matrix server: a heading, one line about the box, and the
// widget itself (server picker, sign-up, log-in or first message). The
// prerendered page has the widget in its empty state, controls disabled,
// so the box already has its final size before app.wasm arrives; with
// JavaScript, app.js enables its text fields and starts the app when the
// reader uses one (app/site/app_start.go).
//
// The box speaks its page's language (Lang), and shows the live client's
// view model the page gives it (live_model_*.go): it hands both to every
// widget in it, since the server prerenders pages of different languages
// at once, each with its own model.
type LiveClient struct {
	app.Compo
	ui.SplitsMount

	Imodel  *live.Model
	Ilang   string // the page's language code (language.go)
	Iwidget string
}

func NewLiveClient(m *live.Model) *LiveClient {
	return &LiveClient{Imodel: m}
}

// Lang sets the language code of the page the box is on.
func (l *LiveClient) Lang(code string) *LiveClient {
	l.Ilang = code
	return l
}

func (l *LiveClient) Widget(name string) *LiveClient {
	l.Iwidget = name
	return l
}

func (l *LiveClient) Render() app.UI {
	t := words.For(l.Ilang)
	headingID := "live-" + l.Iwidget
	body := "live-client-body"
	if !ui.Prerendered {
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
				Text(LiveClientHeading(t, l.Iwidget)),
			// Both messages are always there, stacked in one grid cell, and
			// CSS shows one: the box is as tall as the longer one from the
			// start, so nothing below moves when the app takes over.
			app.Div().
				Class(body).
				Body(
					app.P().
						Class("live-client-status live-client-waiting").
						Text(t.Say("live.client.waiting")),
					app.P().
						Class("live-client-status live-client-note").
						Text(t.Say("live.client.note")),
				),
			// Invitations show in every box, above what it is for
			// (live_invites.go).
			newInviteBanner(l.Imodel, l.Ilang).Widget(l.Iwidget),
			// So does verification with the reader's other devices
			// (live_verify.go).
			newVerifyPanel(l.Imodel),
			liveWidget(l.Imodel, l.Ilang, l.Iwidget),
		)
}

// liveWidget is the component behind each widget name.
func liveWidget(m *live.Model, lang, name string) app.UI {
	switch name {
	case pages.WidgetServerPicker:
		return newServerPicker(m, lang)
	case pages.WidgetRegister:
		return newRegisterForm(m, lang)
	case pages.WidgetLogin:
		return newLoginForm(m, lang)
	case pages.WidgetFirstMessage:
		return newFirstMessage(m, lang)
	case WidgetQuickStart:
		return newQuickStart(m, lang)
	case pages.WidgetKeyBackup:
		return newKeyBackup(m, lang) // live_keys.go
	}
	return nil
}

// LiveClientHeading names what the reader will do in each widget.
func LiveClientHeading(t *words.Words, widget string) string {
	switch widget {
	case pages.WidgetServerPicker:
		return t.Say("live.client.heading_server_picker")
	case pages.WidgetRegister:
		return t.Say("live.client.heading_register")
	case pages.WidgetLogin:
		return t.Say("live.client.heading_login")
	case pages.WidgetFirstMessage:
		return t.Say("live.client.heading_first_message")
	case WidgetQuickStart:
		return t.Say("live.client.heading_quick_start")
	case pages.WidgetKeyBackup:
		return t.Say("live.client.heading_key_backup")
	default:
		return t.Say("live.client.heading")
	}
}
