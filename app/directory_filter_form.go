package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// serverFilterForm holds the directory's filters. It is a real GET form, so
// it works before (or without) the app; once the app runs, every change
// applies at once and the submit button only confirms.
type serverFilterForm struct {
	app.Compo

	Ifilter   pages.ServerFilter
	Iservers  []pages.Server // the list on show: the choices are its values
	IonChange func(pages.ServerFilter)
}

func newServerFilterForm() *serverFilterForm {
	return &serverFilterForm{}
}

func (f *serverFilterForm) Filter(v pages.ServerFilter) *serverFilterForm {
	f.Ifilter = v
	return f
}

func (f *serverFilterForm) Servers(v []pages.Server) *serverFilterForm {
	f.Iservers = v
	return f
}

func (f *serverFilterForm) OnChange(fn func(pages.ServerFilter)) *serverFilterForm {
	f.IonChange = fn
	return f
}

// serverFilterFormID lets the table's sort buttons submit this form.
const serverFilterFormID = "server-filters"

// choice is one <option>.
type choice struct{ value, label string }

func (f *serverFilterForm) Render() app.UI {
	v := f.Ifilter

	registrations := []choice{{"", "Any way"}}
	for _, r := range pages.ServerRegistrations(f.Iservers) {
		registrations = append(registrations, choice{string(r), r.Label()})
	}
	countries := []choice{{"", "Any country"}}
	for _, c := range pages.ServerJurisdictions(f.Iservers) {
		countries = append(countries, choice{c, c})
	}
	software := []choice{{"", "Any software"}}
	for _, s := range pages.ServerSoftware(f.Iservers) {
		software = append(software, choice{s, s})
	}

	// On phones the filters fold away behind their summary so the table is
	// in sight; they start open when some are already in use.
	details := app.Details().Class("directory-filters")
	if v.Query != "" || v.Registration != "" || v.Open != "" || v.Captcha != "" ||
		v.Email != "" || v.InGuide != "" || v.Jurisdiction != "" || v.Software != "" {
		details = details.Open(true) // never open="false": that would open it
	}
	return details.Body(
		app.Summary().Text("Filter the list"),
		f.renderForm(v, registrations, countries, software),
	)
}

func (f *serverFilterForm) renderForm(v pages.ServerFilter, registrations, countries, software []choice) app.UI {
	return app.Form().
		ID(serverFilterFormID).
		Class("filter-grid").
		Action(sitePath(serversRoute)).
		Method("get").
		Aria("label", "Filter the servers").
		OnSubmit(f.onSubmit).
		Body(
			app.Div().Body(
				app.Label().For("filter-q").Text("Name or keyword"),
				app.Input().
					ID("filter-q").
					Type("search").
					Name("q").
					Value(v.Query).
					AutoComplete(false).
					OnInput(f.onText),
			),
			filterSelect("filter-reg", "reg", "How to sign up", string(v.Registration), registrations, f.onSelect),
			filterSelect("filter-open", "open", "Taking new users", string(v.Open),
				[]choice{{"", "Open or closed"}, {"yes", "Open"}, {"no", "Closed"}}, f.onSelect),
			filterSelect("filter-captcha", "captcha", "Captcha", string(v.Captcha),
				[]choice{{"", "Either"}, {"yes", "Asks for one"}, {"no", "None"}}, f.onSelect),
			filterSelect("filter-email", "email", "Email address", string(v.Email),
				[]choice{{"", "Either"}, {"yes", "Required"}, {"no", "Not required"}}, f.onSelect),
			filterSelect("filter-guide", "guide", "Sign up in this guide", string(v.InGuide),
				[]choice{{"", "Either"}, {"yes", "Yes"}, {"no", "No"}}, f.onSelect),
			filterSelect("filter-country", "country", "Country", v.Jurisdiction, countries, f.onSelect),
			filterSelect("filter-software", "software", "Server software", v.Software, software, f.onSelect),
			// Keeps the current sort when the form is submitted without the app.
			app.Input().
				Type("hidden").
				Name("order").
				Value(sortOrder(v.SortBy, v.Desc)),
			app.Div().
				Class("filter-actions").
				Body(
					app.Button().
						Type("submit").
						Text("Apply filters"),
					app.A().
						Href(sitePath(serversRoute)).
						OnClick(f.onClear).
						Text("Clear"),
				),
		)
}

func filterSelect(id, name, label, current string, choices []choice, onChange app.EventHandler) app.UI {
	return app.Div().Body(
		app.Label().For(id).Text(label),
		app.Select().
			ID(id).
			Name(name).
			OnChange(onChange).
			Body(
				app.Range(choices).Slice(func(i int) app.UI {
					opt := app.Option().
						Value(choices[i].value).
						Text(choices[i].label)
					if choices[i].value == current { // never selected="false"
						opt = opt.Selected(true)
					}
					return opt
				}),
			),
	)
}

func (f *serverFilterForm) onText(ctx app.Context, e app.Event) {
	next := f.Ifilter
	next.Query = ctx.JSSrc().Get("value").String()
	f.changed(ctx, next)
}

// onSelect reads the changed <select> by its name, which is also its key in
// the address.
func (f *serverFilterForm) onSelect(ctx app.Context, e app.Event) {
	next := f.Ifilter
	value := ctx.JSSrc().Get("value").String()
	switch ctx.JSSrc().Get("name").String() {
	case "reg":
		next.Registration = pages.Registration(value)
	case "open":
		next.Open = triFromQuery(value)
	case "captcha":
		next.Captcha = triFromQuery(value)
	case "email":
		next.Email = triFromQuery(value)
	case "guide":
		next.InGuide = triFromQuery(value)
	case "country":
		next.Jurisdiction = value
	case "software":
		next.Software = value
	}
	f.changed(ctx, next)
}

func (f *serverFilterForm) onClear(ctx app.Context, e app.Event) {
	e.PreventDefault()
	f.changed(ctx, pages.ServerFilter{SortBy: f.Ifilter.SortBy, Desc: f.Ifilter.Desc})
}

func (f *serverFilterForm) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault() // the filters already apply as they change
}

func (f *serverFilterForm) changed(ctx app.Context, next pages.ServerFilter) {
	if f.IonChange != nil {
		ctx.Emit(func() { f.IonChange(next) })
	}
}
