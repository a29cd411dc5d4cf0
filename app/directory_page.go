package main

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// serversPage is the directory of public homeservers: a table that works as
// plain HTML (the filter form submits to the server, which prerenders the
// result) and filters and sorts in place once the app runs.
type serversPage struct {
	app.Compo

	filter pages.ServerFilter
	shown  []pages.Server

	// list is what the table draws from: the snapshot until a saved or
	// live list replaces it (directory_refresh.go); source says which.
	list   []pages.Server
	feed   string // the live list's address, "" when the page has none
	source listSource
}

// allServers is the dated snapshot, read once: it is embedded and never
// changes. The server picker and the prerendered page use it.
var allServers = pages.Servers()

func (p *serversPage) OnInit() {
	p.list = allServers
	if app.IsClient {
		p.apply(filterFromQuery(app.Window().URL().Query()))
	} else {
		p.apply(pages.ServerFilter{})
	}
}

func (p *serversPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *serversPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

// OnMount watches the live state, which learns whether a practice server
// runs; it is then listed first.
func (p *serversPage) OnMount(ctx app.Context) {
	watchLive(ctx, liveModel(languageAt(currentRoute(ctx))))
	p.refreshList(ctx)
}

func (p *serversPage) initPage(ctx app.Context) {
	p.apply(filterFromQuery(ctx.Page().URL().Query()))
	setPageMeta(ctx, "Server directory",
		"Compare public Matrix homeservers: how to sign up, whether they accept new users, captcha and email rules, country and software.")
}

func (p *serversPage) apply(f pages.ServerFilter) {
	if f.SortBy == "" {
		f.SortBy = pages.SortByName
	}
	p.filter = f
	p.shown = pages.FilterServers(p.list, f)
}

// update applies a changed filter and records it in the address bar without
// adding a history entry per keystroke.
func (p *serversPage) update(f pages.ServerFilter) {
	p.apply(f)
	u := sitePath(serversRoute)
	if q := filterQuery(p.filter).Encode(); q != "" {
		u += "?" + q
	}
	app.Window().Get("history").Call("replaceState", nil, "", u)
}

func (p *serversPage) Render() app.UI {
	return newPage().Wide().Content(
		app.H1().Text("Server directory"),
		app.P().Text("A homeserver is where your Matrix account lives. These public servers may let you join. "+
			"The table only gives you a head start: a server’s own website has the current rules, so check it before you sign up."),
		app.P().Body(
			app.Text("Not sure what to look for? "),
			app.A().Href(sitePath("/guide/choose-a-server")).Text("Choosing a homeserver"),
			app.Text(" explains each column."),
		),
		newServerFilterForm().
			Servers(p.list).
			Filter(p.filter).
			OnChange(p.update),
		app.P().
			Class("directory-count").
			Role("status").
			Text(p.countText()),
		app.P().
			Class("directory-in-page").
			Text(inPageText(p.list)),
		newServerTable().
			Servers(p.shown).
			Practice(liveModel(languageAt(browserRoute())).Now().Sandbox).
			Filter(p.filter).
			Caption(p.caption(time.Now())...).
			OnSort(p.update),
	)
}

func (p *serversPage) countText() string {
	total := strconv.Itoa(len(p.list))
	switch n := len(p.shown); n {
	case len(p.list):
		return "Showing all " + total + " servers."
	case 0:
		return "No server matches all of these filters. Try removing one."
	case 1:
		return "Showing 1 of " + total + " servers."
	default:
		return "Showing " + strconv.Itoa(n) + " of " + total + " servers."
	}
}

// caption says which list the table shows and how old it is. Before the
// app runs, and on a site whose host turned the live list off, that is
// the snapshot with its date (the zero listSource).
func (p *serversPage) caption(now time.Time) []app.UI {
	return []app.UI{app.Text(p.source.sentence(now))}
}

// inPageText is the open_servers_signup_in_page figure for the list on
// show: how many of its open servers the guide signs the reader up on
// without leaving the page (pages.SignupInPage, the rule the table uses).
func inPageText(list []pages.Server) string {
	inPage, open := pages.SignupInPage(list)
	return "Of the " + strconv.Itoa(open) + " servers in this list that take new users, " +
		strconv.Itoa(inPage) + " can be joined right here in the guide."
}
