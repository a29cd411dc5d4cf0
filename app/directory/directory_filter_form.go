package directory

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// serverFilterForm holds the directory's filters. It is a real GET form, so
// it works before (or without) the app; once the app runs, every change
// applies at once and the submit button only confirms.
type serverFilterForm struct {
	app.Compo

	Ilang     string
	Ifilter   pages.ServerFilter
	Iservers  []pages.Server // the list on show: the choices are its values
	IonChange func(pages.ServerFilter)
}

func newServerFilterForm() *serverFilterForm {
	return &serverFilterForm{}
}

func (f *serverFilterForm) Lang(code string) *serverFilterForm {
	f.Ilang = code
	return f
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
	w := words.For(f.Ilang)

	registrations := []choice{{"", w.Say("site.directory.any_way")}}
	for _, r := range pages.ServerRegistrations(f.Iservers) {
		label, _ := registrationWords(w, r)
		registrations = append(registrations, choice{string(r), label})
	}
	countries := []choice{{"", w.Say("site.directory.any_country")}}
	for _, c := range pages.ServerJurisdictions(f.Iservers) {
		countries = append(countries, choice{c, countryName(w, c)})
	}
	software := []choice{{"", w.Say("site.directory.any_software")}}
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
		app.Summary().Text(w.Say("site.directory.filters")),
		f.renderForm(w, v, registrations, countries, software),
	)
}

func (f *serverFilterForm) renderForm(w *words.Words, v pages.ServerFilter, registrations, countries, software []choice) app.UI {
	either := w.Say("site.directory.either")
	return app.Form().
		ID(serverFilterFormID).
		Class("filter-grid").
		Action(ui.LangPath(f.Ilang, ui.ServersRoute)).
		Method("get").
		Aria("label", w.Say("site.directory.filters_label")).
		OnSubmit(f.onSubmit).
		Body(
			app.Div().Body(
				app.Label().For("filter-q").Text(w.Say("site.directory.filter_query")),
				app.Input().
					ID("filter-q").
					Type("search").
					Name("q").
					Value(v.Query).
					AutoComplete(false).
					OnInput(f.onText),
			),
			filterSelect("filter-reg", "reg", w.Say("site.directory.filter_signup"), string(v.Registration), registrations, f.onSelect),
			filterSelect("filter-open", "open", w.Say("site.directory.filter_open"), string(v.Open),
				[]choice{{"", w.Say("site.directory.open_or_closed")}, {"yes", w.Say("site.directory.open")},
					{"no", w.Say("site.directory.closed")}}, f.onSelect),
			filterSelect("filter-captcha", "captcha", w.Say("site.directory.filter_captcha"), string(v.Captcha),
				[]choice{{"", either}, {"yes", w.Say("site.directory.captcha_yes")}, {"no", w.Say("site.directory.captcha_no")}}, f.onSelect),
			filterSelect("filter-email", "email", w.Say("site.directory.filter_email"), string(v.Email),
				[]choice{{"", either}, {"yes", w.Say("site.directory.required")}, {"no", w.Say("site.directory.not_required")}}, f.onSelect),
			filterSelect("filter-guide", "guide", w.Say("site.directory.filter_in_guide"), string(v.InGuide),
				[]choice{{"", either}, {"yes", w.Say("site.directory.yes")}, {"no", w.Say("site.directory.no")}}, f.onSelect),
			filterSelect("filter-country", "country", w.Say("site.directory.filter_country"), v.Jurisdiction, countries, f.onSelect),
			filterSelect("filter-software", "software", w.Say("site.directory.filter_software"), v.Software, software, f.onSelect),
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
						Text(w.Say("site.directory.apply")),
					app.A().
						Href(ui.LangPath(f.Ilang, ui.ServersRoute)).
						OnClick(f.onClear).
						Text(w.Say("site.directory.clear")),
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
