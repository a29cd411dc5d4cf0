package widgets

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// Small building blocks the live widgets share, so every form control has a
// visible label, its hint and error right under it, and a button that says
// when it is busy.

// field is one labelled control with an optional hint and error below. The
// control should carry describedBy(id, hint, err) so screen readers read
// the hint and the error with it.
func field(id, label string, control app.UI, hint, err string) app.UI {
	return app.Div().
		Class("live-field").
		Body(
			app.Label().For(id).Text(label),
			control,
			app.If(hint != "",
				app.P().ID(id+"-hint").Class("live-hint").Text(hint),
			),
			fieldError(id, err),
		)
}

// fieldError is an error sentence tied to the control id. It is a live
// region, so it is read out when it appears.
func fieldError(id, err string) app.UI {
	if err == "" {
		return nil
	}
	return app.P().
		ID(id + "-error").
		Class("live-error").
		Role("alert").
		Text(err)
}

// describedBy lists the hint and error paragraphs field adds for id.
func describedBy(id, hint, err string) string {
	var ids []string
	if hint != "" {
		ids = append(ids, id+"-hint")
	}
	if err != "" {
		ids = append(ids, id+"-error")
	}
	return strings.Join(ids, " ")
}

// textInput is a text field whose every change goes to onInput, where the
// widget keeps its copy. The field is not bound back to that copy: a render
// landing between two fast keystrokes would write the older text over the
// newer one and eat a letter. The browser owns what is typed; a widget sets
// Value only to prefill a field the reader has not touched (and clears one
// through the DOM, see clearField). So that the browser keeps the text, the
// elements before an input in a widget never come and go.
// disabled is true before the app runs (the prerendered form is there to
// keep the box's size, not to be typed into) and while a request is out.
func textInput(id, kind, placeholder, autocomplete, describe string, invalid, disabled bool, onInput app.EventHandler) app.HTMLInput {
	in := app.Input().
		ID(id).
		Type(kind).
		Attr("autocomplete", autocomplete).
		Spellcheck(false).
		Attr("autocapitalize", "none").
		OnInput(onInput)
	if placeholder != "" {
		in = in.Placeholder(placeholder)
	}
	if describe != "" {
		in = in.Aria("describedby", describe)
	}
	if invalid {
		in = in.Aria("invalid", "true")
	}
	// Only ever write disabled when true: HTML reads disabled="false" as
	// disabled.
	if disabled {
		in = in.Disabled(true)
	}
	return in
}

// passwordControl is a password input with a Show/Hide button beside it.
func passwordControl(t *words.Words, input app.HTMLInput, id string, shown, disabled bool, onToggle app.EventHandler) app.UI {
	label, name := t.Say("live.form.show"), t.Say("live.form.show_password")
	if shown {
		label, name = t.Say("live.form.hide"), t.Say("live.form.hide_password")
	}
	toggle := app.Button().
		Type("button").
		Class("secondary toggle-password").
		Aria("controls", id).
		Aria("pressed", shown).
		Aria("label", name).
		Text(label).
		OnClick(onToggle)
	toggle = ui.DisableIf(toggle, disabled)
	return app.Div().Class("live-input-row").Body(input, toggle)
}

// submitButton says what it does, and while busy what it is doing
// ("Creating…"), disabled so a second click cannot send twice.
func submitButton(id, label, busyLabel string, busy, disabled bool) app.HTMLButton {
	b := app.Button().
		ID(id).
		Type("submit").
		Text(label)
	if busy {
		b = b.Text(busyLabel).Aria("busy", "true")
	}
	return ui.DisableIf(b, busy || disabled)
}

// busyText is a button's label, or while busy what it is doing.
func busyText(busy bool, label, busyLabel string) string {
	if busy {
		return busyLabel
	}
	return label
}

// formError is the sentence for an error that concerns no single field.
func formError(id, err string) app.UI {
	return fieldError(id, err)
}

// inputValue reads the value of the element an event came from.
func inputValue(ctx app.Context) string {
	return ctx.JSSrc().Get("value").String()
}

// chapterLink links to another chapter of the guide, in the language
// (code) of the page it is on.
func chapterLink(lang, slug, text string) app.UI {
	return app.A().Href(ui.SitePath(ui.LocalRoute(lang, "/guide/"+slug))).Text(text)
}

// clearField empties an input the widget does not bind (see textInput).
func clearField(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Set("value", "")
	}
}

// prefill shows value in a field the reader has not typed in yet (the
// server picked earlier, the practice room's address). Once they type,
// the attribute is left off and the browser keeps their text.
func prefill(in app.HTMLInput, untouched bool, value string) app.HTMLInput {
	if untouched && value != "" {
		return in.Value(value)
	}
	return in
}
