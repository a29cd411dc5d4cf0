package widgets

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// OtherServer is the picker's "type a server yourself" choice.
const OtherServer = "__other__"

// serverPicker chooses the server the live client works with (widget
// server-picker in "Choosing a homeserver", and a compact copy at the top
// of the sign-up widget). Picking probes the server from the browser and
// says in plain words what the reader can do there. The choice itself lives
// in the shared live state, so the sign-up form in the next chapter uses
// it.
type serverPicker struct {
	app.Compo
	ui.SplitsMount

	Imodel   *live.Model // the live client's view model (live_model_*.go)
	Ilang    string      // the page's language code
	Icompact bool        // one line of verdict, for the top of another widget
	Iid      string      // prefix of its element IDs, unique on the page

	otherMode bool   // the reader chose to type a name
	typed     string // what they typed there
	edited    bool   // they have typed there since the widget appeared (until then it shows the chosen server)
}

func newServerPicker(m *live.Model, lang string) *serverPicker {
	return &serverPicker{Imodel: m, Ilang: lang, Iid: "picker"}
}

func (p *serverPicker) Compact(prefix string) *serverPicker {
	p.Icompact, p.Iid = true, prefix
	return p
}

func (p *serverPicker) OnMount(ctx app.Context) {
	WatchLive(ctx, p.Imodel)
	p.Imodel.NeedServer()
}

func (p *serverPicker) Render() app.UI {
	v := p.Imodel.Now()
	t := words.For(p.Ilang)
	selectID, otherID := p.Iid+"-server", p.Iid+"-other"
	choice := p.selected(v)

	errText := ""
	if v.ServerErr != nil && !v.Checking {
		errText = p.Imodel.Message(v.ServerErr)
	}
	// The error belongs to whichever control named the server.
	selectErr, otherErr := errText, ""
	if choice == OtherServer {
		selectErr, otherErr = "", errText
	}

	sel := app.Select().
		ID(selectID).
		OnChange(p.onSelect)
	if d := describedBy(selectID, "", selectErr); d != "" {
		sel = sel.Aria("describedby", d)
	}
	if ui.Prerendered {
		sel = sel.Disabled(true)
	}
	sel = sel.Body(p.options(t, v, choice)...)

	class := "live-picker"
	if p.Icompact {
		class += " compact"
	}
	return app.Div().
		Class(class).
		Body(
			field(selectID, t.Say("live.form.server_label"), sel, "", selectErr),
			app.If(choice == OtherServer,
				app.Form().
					Class("live-picker-other").
					OnSubmit(p.onCheckTyped).
					Body(
						field(otherID, t.Say("live.picker.other_label"),
							app.Div().Class("live-input-row").Body(
								// Until the reader types, the field shows the chosen
								// server: after a reload, or on the way back from a
								// sign-in on the server's own page.
								prefill(textInput(otherID, "text", t.Say("live.form.server_placeholder"), "url",
									describedBy(otherID, "", otherErr), otherErr != "", ui.Prerendered,
									func(ctx app.Context, e app.Event) { p.typed, p.edited = inputValue(ctx), true }),
									!p.edited, v.ServerInput),
								submitButton(otherID+"-check", t.Say("live.picker.check"), t.Say("live.picker.checking"), v.Checking, ui.Prerendered),
							),
							"", otherErr),
					),
			),
			p.verdict(t, v),
		)
}

// selected is the option to show as chosen: the live state's server when
// it is in the list, otherwise "another server".
func (p *serverPicker) selected(v live.View) string {
	if p.otherMode {
		return OtherServer
	}
	switch {
	case v.ServerInput == "":
		return ""
	case v.Sandbox != nil && v.ServerInput == v.Sandbox.ServerName:
		return v.ServerInput
	}
	for _, s := range pickerServers {
		if s.Name == v.ServerInput {
			return v.ServerInput
		}
	}
	return OtherServer
}

// pickerServers are the directory's servers the picker offers: its dated
// snapshot (pages.Servers), read once.
var pickerServers = pages.Servers()

// options lists the practice server first (when there is one), then the
// public servers that were taking new users, then the others, then "type
// your own".
func (p *serverPicker) options(t *words.Words, v live.View, choice string) []app.UI {
	option := func(value, label string) app.UI {
		o := app.Option().Value(value).Text(label)
		if value == choice {
			o = o.Selected(true) // never selected="false": HTML reads it as selected
		}
		return o
	}
	var open, closed []string
	for _, s := range pickerServers {
		if s.Open {
			open = append(open, s.Name)
		} else {
			closed = append(closed, s.Name)
		}
	}
	opts := []app.UI{}
	if choice == "" {
		opts = append(opts, option("", t.Say("live.picker.choose")))
	}
	if v.Sandbox != nil {
		opts = append(opts, option(v.Sandbox.ServerName, p.Imodel.SandboxLabel(*v.Sandbox)))
	}
	return append(opts,
		serverGroup(t.Say("live.picker.open_servers"), open, choice),
		serverGroup(t.Say("live.picker.closed_servers"), closed, choice),
		option(OtherServer, t.Say("live.picker.other")),
	)
}

// serverGroup is an <optgroup> of servers, each named by its own name, as
// one piece of HTML (RawHTML): the directory's eighty-odd servers were a
// third of the elements go-app built on the landing page. When the choice
// moves into or out of the group, go-app replaces it whole, with the
// chosen server's option selected.
func serverGroup(label string, names []string, choice string) app.UI {
	var b strings.Builder
	b.WriteString(`<optgroup label="` + ui.HTMLEscaper.Replace(label) + `">`)
	for _, name := range names {
		text := ui.HTMLEscaper.Replace(name)
		b.WriteString(`<option value="` + text + `"`)
		if name == choice {
			b.WriteString(` selected`)
		}
		b.WriteString(`>` + text + `</option>`)
	}
	b.WriteString(`</optgroup>`)
	return ui.RawHTML(b.String())
}

func (p *serverPicker) onSelect(ctx app.Context, e app.Event) {
	value := inputValue(ctx)
	if value == OtherServer {
		p.otherMode = true
		ctx.Defer(func(app.Context) { ui.FocusElement(p.Iid + "-other") })
		return
	}
	p.otherMode = false
	p.Imodel.PickServer(value)
}

func (p *serverPicker) onCheckTyped(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.otherMode = true
	typed := p.typed
	if !p.edited {
		typed = p.Imodel.Now().ServerInput // the prefilled name, checked again
	}
	p.Imodel.PickServer(typed)
}

// verdict says what the reader can do on the chosen server. Its box keeps
// a minimum height, so the answer arriving does not push the chapter down.
func (p *serverPicker) verdict(t *words.Words, v live.View) app.UI {
	box := app.Div().
		Class("live-verdict").
		ID(p.Iid+"-verdict").
		Aria("live", "polite")
	switch {
	case v.Checking:
		return box.DataSet("state", "checking").Body(
			app.P().Class("live-hint").Text(t.Say("live.picker.checking_server", "server", v.ServerInput)),
		)
	case v.Server != nil:
		verdict := v.Server.Verdict
		return box.DataSet("state", string(verdict.Kind)).Body(
			app.P().Class("live-verdict-headline").Text(verdict.Headline),
			app.If(verdict.Link != "",
				app.P().Body(
					app.A().Href(verdict.Link).Target("_blank").Rel("noopener noreferrer").
						Text(t.Say("live.picker.signup_page", "server", v.Server.Name)),
				),
			),
			app.If(!p.Icompact,
				app.Ul().Class("live-details").Body(
					app.Range(verdict.Details).Slice(func(i int) app.UI {
						return app.Li().Text(verdict.Details[i])
					}),
				),
			),
		)
	case v.ServerErr != nil:
		return box.DataSet("state", "error")
	}
	return box.DataSet("state", "none").Body(
		app.P().Class("live-hint").Text(t.Say("live.picker.none")),
	)
}
