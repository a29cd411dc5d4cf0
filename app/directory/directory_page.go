package directory

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// ServersPage is the directory of public homeservers: a table that works as
// plain HTML (the filter form submits to the server, which prerenders the
// result) and filters and sorts in place once the app runs.
type ServersPage struct {
	app.Compo

	route  string
	filter pages.ServerFilter
	shown  []pages.Server

	// list is what the table draws from: the snapshot until a saved or
	// live list replaces it (directory_refresh.go); source says which.
	list   []pages.Server
	feed   string // the live list's address, "" when the page has none
	source listSource
}

// allServers is the dated snapshot, read once: it is embedded and never
// changes. The prerendered page uses it; the live client's server picker
// reads its own (pickerServers, app/widgets).
var allServers = pages.Servers()

func (p *ServersPage) OnInit() {
	p.route = ui.BrowserRoute() // see HomePage.OnInit
	p.list = allServers
	if app.IsClient {
		p.apply(filterFromQuery(app.Window().URL().Query()))
	} else {
		p.apply(pages.ServerFilter{})
	}
}

func (p *ServersPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *ServersPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

// OnMount watches the live state, which learns whether a practice server
// runs; it is then listed first.
func (p *ServersPage) OnMount(ctx app.Context) {
	widgets.WatchLive(ctx, widgets.LiveModel(ui.LanguageAt(ui.CurrentRoute(ctx))))
	p.refreshList(ctx)
}

func (p *ServersPage) initPage(ctx app.Context) {
	p.route = ui.CurrentRoute(ctx)
	p.apply(filterFromQuery(ctx.Page().URL().Query()))
	w := ui.WordsAt(p.route)
	ui.SetPageMeta(ctx, w.Say("site.directory.title"), w.Say("site.directory.description"))
}

func (p *ServersPage) apply(f pages.ServerFilter) {
	if f.SortBy == "" {
		f.SortBy = pages.SortByName
	}
	p.filter = f
	p.shown = pages.FilterServers(p.list, f)
}

// update applies a changed filter and records it in the address bar without
// adding a history entry per keystroke.
func (p *ServersPage) update(f pages.ServerFilter) {
	p.apply(f)
	u := ui.LangPath(ui.LanguageAt(p.route), ui.ServersRoute)
	if q := filterQuery(p.filter).Encode(); q != "" {
		u += "?" + q
	}
	app.Window().Get("history").Call("replaceState", nil, "", u)
}

func (p *ServersPage) Render() app.UI {
	lang := ui.LanguageAt(p.route)
	w := words.For(lang)
	return shell.NewPage().At(p.route).Wide().Content(
		app.H1().Text(w.Say("site.directory.heading")),
		app.P().Text(w.Say("site.directory.intro")),
		ui.RawHTML(`<p>`+ui.SentenceHTML(w.Say("site.directory.help"),
			"chapter", ui.LinkHTML(ui.LangPath(lang, "/guide/choose-a-server"), w.Say("site.directory.help_chapter")))+`</p>`),
		newServerFilterForm().
			Lang(lang).
			Servers(p.list).
			Filter(p.filter).
			OnChange(p.update),
		app.P().
			Class("directory-count").
			Role("status").
			Text(p.countText(w)),
		app.P().
			Class("directory-in-page").
			Text(inPageText(w, p.list)),
		newServerTable().
			Lang(lang).
			Servers(p.shown).
			Practice(widgets.LiveModel(ui.LanguageAt(ui.BrowserRoute())).Now().Sandbox).
			Filter(p.filter).
			Caption(p.caption(w, time.Now())...).
			OnSort(p.update),
	)
}

func (p *ServersPage) countText(w *words.Words) string {
	switch n := len(p.shown); n {
	case len(p.list):
		return w.SayN("site.directory.count_all", n)
	case 0:
		return w.Say("site.directory.count_none")
	default:
		return w.SayN("site.directory.count_some", len(p.list), "shown", strconv.Itoa(n))
	}
}

// caption says which list the table shows and how old it is. Before the
// app runs, and on a site whose host turned the live list off, that is
// the snapshot with its date (the zero listSource).
func (p *ServersPage) caption(w *words.Words, now time.Time) []app.UI {
	return []app.UI{app.Text(p.source.sentence(w, now))}
}

// inPageText is the open_servers_signup_in_page figure for the list on
// show: how many of its open servers the guide signs the reader up on
// without leaving the page (pages.SignupInPage, the rule the table uses).
func inPageText(w *words.Words, list []pages.Server) string {
	inPage, open := pages.SignupInPage(list)
	return w.SayN("site.directory.in_page", open, "in_page", strconv.Itoa(inPage))
}
