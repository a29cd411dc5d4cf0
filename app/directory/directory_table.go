package directory

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// serverTable shows the servers that pass the filters. Sortable column
// headers are submit buttons (so they work as plain HTML too) that the app
// intercepts to sort in place.
type serverTable struct {
	app.Compo

	Ilang     string
	Iservers  []pages.Server
	Ipractice *live.Sandbox // listed first when `make run` started one
	Ifilter   pages.ServerFilter
	Icaption  []app.UI
	IonSort   func(pages.ServerFilter)
}

func newServerTable() *serverTable {
	return &serverTable{}
}

func (t *serverTable) Lang(code string) *serverTable {
	t.Ilang = code
	return t
}

func (t *serverTable) Servers(v []pages.Server) *serverTable {
	t.Iservers = v
	return t
}

func (t *serverTable) Practice(v *live.Sandbox) *serverTable {
	t.Ipractice = v
	return t
}

func (t *serverTable) Filter(v pages.ServerFilter) *serverTable {
	t.Ifilter = v
	return t
}

func (t *serverTable) Caption(v ...app.UI) *serverTable {
	t.Icaption = v
	return t
}

func (t *serverTable) OnSort(fn func(pages.ServerFilter)) *serverTable {
	t.IonSort = fn
	return t
}

const serverTableCaptionID = "server-table-caption"

func (t *serverTable) Render() app.UI {
	w := words.For(t.Ilang)
	// The table sits in its own scrolling box so a phone scrolls the table,
	// not the page. The box is focusable so keyboard users can scroll it too.
	return app.Div().
		Class("table-scroll").
		Role("region").
		Aria("labelledby", serverTableCaptionID).
		TabIndex(0).
		Body(
			app.Table().
				Class("server-table").
				Body(
					app.Caption().
						ID(serverTableCaptionID).
						Body(t.Icaption...),
					app.THead().Body(
						app.Tr().Body(
							t.sortableHeader(pages.SortByName, w.Say("site.directory.col_server"), w.Say("site.directory.sort_server")),
							t.sortableHeader(pages.SortByRegistration, w.Say("site.directory.col_signup"), w.Say("site.directory.sort_signup")),
							app.Th().Scope("col").Text(w.Say("site.directory.col_in_guide")),
							app.Th().Scope("col").Text(w.Say("site.directory.col_open")),
							app.Th().Scope("col").Text(w.Say("site.directory.col_captcha")),
							app.Th().Scope("col").Text(w.Say("site.directory.col_email")),
							t.sortableHeader(pages.SortByJurisdiction, w.Say("site.directory.col_country"), w.Say("site.directory.sort_country")),
							t.sortableHeader(pages.SortBySoftware, w.Say("site.directory.col_software"), w.Say("site.directory.sort_software")),
						),
					),
					app.TBody().Body(
						ui.When(t.Ipractice != nil, func() app.UI { return practiceRow(w, t.Ipractice) }),
						app.Range(t.Iservers).Slice(func(i int) app.UI {
							return serverRow(w, t.Iservers[i])
						}),
					),
				),
		)
}

// sortableHeader is a column header whose button sorts by that column, or
// flips the order when the table is already sorted by it.
func (t *serverTable) sortableHeader(by, label, title string) app.UI {
	current := t.Ifilter.SortBy == by
	nextDesc := current && !t.Ifilter.Desc
	th := app.Th().Scope("col")
	// aria-sort tells assistive technology the order; the arrow (drawn by
	// CSS, with empty alt text) shows it to everyone else.
	sorted := ""
	if current {
		if t.Ifilter.Desc {
			th = th.Aria("sort", "descending")
			sorted = "sorted-desc"
		} else {
			th = th.Aria("sort", "ascending")
			sorted = "sorted-asc"
		}
	}
	return th.Body(
		app.Button().
			Type("submit").
			Form(serverFilterFormID). // the table is outside the form
			Class(sorted).
			Name("sort").
			Value(sortOrder(by, nextDesc)).
			Title(title).
			// go-app keeps the first closure it sees for a handler (it compares
			// code pointers), so the order is worked out at click time.
			OnClick(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				next := t.Ifilter
				next.Desc = next.SortBy == by && !next.Desc
				next.SortBy = by
				if t.IonSort != nil {
					ctx.Emit(func() { t.IonSort(next) })
				}
			}).
			Text(label),
	)
}

func serverRow(w *words.Words, s pages.Server) app.UI {
	signup, signupAbout := registrationWords(w, s.Registration)
	return app.Tr().Body(
		app.Th().
			Scope("row").
			Class("server-name").
			Body(
				externalLink(s.Website, s.Name),
				app.If(s.Domain != "" && s.Domain != s.Name,
					app.Span().Class("server-domain").Text(s.Domain),
				),
				app.If(s.Remarks != "",
					app.Span().Class("server-remarks").Text(s.Remarks),
				),
			),
		app.Td().Body(
			app.Span().Title(signupAbout).Text(signup),
			app.If(s.SignupURL != "",
				app.Span().Class("server-signup").Body(externalLink(s.SignupURL, w.Say("site.directory.signup_page"))),
			),
		),
		// What the guide's live client can do there, and a button to ask
		// the server how it is today.
		app.Td().Body(widgets.NewServerCheck(s.Name, inPageWay(w, s.SignupWay()))),
		app.Td().Text(yesNo(s.Open, w.Say("site.directory.open"), w.Say("site.directory.closed"))),
		app.Td().Text(yesNo(s.Captcha, w.Say("site.directory.yes"), w.Say("site.directory.no"))),
		app.Td().Text(yesNo(s.EmailRequired, w.Say("site.directory.required"), w.Say("site.directory.optional"))),
		app.Td().Text(countryName(w, s.Jurisdiction)),
		app.Td().Text(strings.TrimSpace(s.Software+" "+s.Version)),
	)
}

// practiceRow is the practice homeserver `make run` starts on this
// computer: not in the directory's data, but the easiest place to start.
func practiceRow(w *words.Words, sb *live.Sandbox) app.UI {
	return app.Tr().Class("practice-row").Body(
		app.Th().
			Scope("row").
			Class("server-name").
			Body(
				app.Span().Text(w.Say("site.directory.practice_name")),
				app.Span().Class("server-domain").Text(sb.ServerName),
				app.Span().Class("server-remarks").Text(w.Say("site.directory.practice_remarks")),
			),
		app.Td().Text(w.Say("site.directory.practice_signup")),
		// Open sign-up with no step (a dummy stage): the facts of the
		// practice server `make run` starts.
		app.Td().Body(widgets.NewServerCheck(sb.ServerName, inPageWay(w, pages.SignupFacts{}.Way()))),
		app.Td().Text(w.Say("site.directory.open")),
		app.Td().Text(w.Say("site.directory.no")),
		app.Td().Text(w.Say("site.directory.optional")),
		app.Td().Text(w.Say("site.directory.practice_country")),
		app.Td().Text("Dendrite"), // a name, the same in every language
	)
}

// externalLink opens another site; without a URL it is just the text.
func externalLink(href, text string) app.UI {
	if href == "" {
		return app.Span().Text(text)
	}
	return app.A().Href(href).Rel("noopener").Text(text)
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
