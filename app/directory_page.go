package main

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/pages"
)

// serversPage is the directory of public homeservers: a table that works as
// plain HTML (the filter form submits to the server, which prerenders the
// result) and filters and sorts in place once the app runs.
type serversPage struct {
	app.Compo

	filter pages.ServerFilter
	shown  []pages.Server
}

// allServers is read once: the list is embedded and never changes.
var allServers = pages.Servers()

func (p *serversPage) OnInit() {
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
	watchLive(ctx)
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
	p.shown = pages.FilterServers(allServers, f)
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
			Filter(p.filter).
			OnChange(p.update),
		app.P().
			Class("directory-count").
			Role("status").
			Text(p.countText()),
		newServerTable().
			Servers(p.shown).
			Practice(live.Now().Sandbox).
			Filter(p.filter).
			Caption(snapshotCaption(time.Now())...).
			OnSort(p.update),
	)
}

func (p *serversPage) countText() string {
	total := strconv.Itoa(len(allServers))
	switch n := len(p.shown); n {
	case len(allServers):
		return "Showing all " + total + " servers."
	case 0:
		return "No server matches all of these filters. Try removing one."
	case 1:
		return "Showing 1 of " + total + " servers."
	default:
		return "Showing " + strconv.Itoa(n) + " of " + total + " servers."
	}
}

// snapshotCaption says when and where the facts come from, with their age
// worked out from today's date so it never claims to be fresh.
func snapshotCaption(now time.Time) []app.UI {
	age := ""
	if then, err := time.Parse(time.DateOnly, pages.ServersSnapshotDate); err == nil {
		age = " (" + describeAge(then, now) + ")"
	}
	// The spaces around the date sit inside the text nodes: go-app's
	// prerenderer adds line breaks between them, the browser app does not.
	return []app.UI{
		app.Text("Public homeservers, collected on "),
		app.Span().Class("nowrap").Text(pages.ServersSnapshotDate),
		app.Text(age + " from " + pages.ServersSource + ". Details may have changed since."),
	}
}
