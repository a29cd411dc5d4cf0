package main

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// searchResultLimit keeps the list readable; the best hits come first.
const searchResultLimit = 30

// searchPage finds sections of the guide. The search runs in the browser
// over the chapters' text (a file the service worker keeps, loaded on the
// first search), so it works offline; the server runs the same code to
// prerender /search?q=... for readers without JavaScript.
type searchPage struct {
	app.Compo

	input string // what is in the box, spaces and all
	query string // input, trimmed: what was searched for
	hits  []pages.SearchHit
	// noText says the text to search could not be fetched.
	noText bool
}

func (p *searchPage) OnInit() {
	if app.IsClient {
		p.search(app.Window().URL().Query().Get("q"))
	}
}

func (p *searchPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *searchPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *searchPage) initPage(ctx app.Context) {
	p.search(ctx.Page().URL().Query().Get("q"))
	title := "Search"
	if p.query != "" {
		title = "Search: " + p.query
	}
	setPageMeta(ctx, title, "Search every chapter of the Hello Matrix guide, even offline.")
	p.loadText(ctx)
}

// loadText fetches the text to search when the app does not have it yet
// (it came to this page from another), then searches again.
func (p *searchPage) loadText(ctx app.Context) {
	if app.IsServer || pages.SearchReady() {
		return
	}
	ctx.Async(func() {
		err := loadSearchText(ctx, languageAt(currentRoute(ctx)))
		ctx.Dispatch(func(ctx app.Context) {
			p.noText = err != nil
			if err != nil {
				app.Log("loading the search text failed:", err)
				return
			}
			p.search(p.input)
		})
	})
}

func (p *searchPage) search(input string) {
	p.input = input
	p.query = strings.TrimSpace(input)
	p.hits = pages.Search(p.query, searchResultLimit)
}

func (p *searchPage) Render() app.UI {
	return newPage().Content(
		app.H1().Text("Search the guide"),
		app.Form().
			Class("search-page-form").
			Role("search").
			Action(sitePath(searchRoute)).
			Method("get").
			OnSubmit(p.onSubmit).
			Body(
				app.Label().
					For("search-query").
					Text("Words to look for"),
				app.Div().
					Class("search-row").
					Body(
						app.Input().
							ID("search-query").
							Type("search").
							Name("q").
							Value(p.input).
							AutoComplete(false).
							OnInput(p.onInput),
						app.Button().
							Type("submit").
							Text("Search"),
					),
			),
		// Announced to screen readers as results change while typing.
		app.P().
			Class("search-summary").
			Role("status").
			Text(p.summary()),
		app.If(len(p.hits) != 0,
			app.Ol().
				Class("search-results").
				Body(
					app.Range(p.hits).Slice(func(i int) app.UI {
						return searchResult(p.hits[i], p.query)
					}),
				),
		),
	)
}

func (p *searchPage) summary() string {
	switch n := len(p.hits); {
	case p.query == "":
		return "Type a word or two, such as “homeserver” or “encryption”."
	case n == 0 && p.noText:
		return "The search could not load the guide’s text: its website did not answer. Reload the page when you are back online."
	case n == 0:
		return "Nothing in the guide matches “" + p.query + "”. Try fewer or simpler words."
	case n == 1:
		return "One place in the guide matches “" + p.query + "”."
	case n == searchResultLimit:
		return "The best " + strconv.Itoa(n) + " places in the guide that match “" + p.query + "”."
	default:
		return strconv.Itoa(n) + " places in the guide match “" + p.query + "”."
	}
}

func searchResult(hit pages.SearchHit, query string) app.UI {
	where := hit.ChapterTitle
	if hit.HeadingText != "" {
		where += " › " + hit.HeadingText
	}
	return app.Li().Body(
		app.A().
			Class("search-hit-title").
			Href(sitePath(hit.Path())).
			Text(where),
		app.Raw(`<p class="search-hit-snippet">`+highlightHTML(hit.Snippet, query)+`</p>`),
	)
}

// onInput searches as the reader types, and keeps the address in step so
// reloading or sharing the page shows the same results.
func (p *searchPage) onInput(ctx app.Context, e app.Event) {
	p.search(ctx.JSSrc().Get("value").String())
	app.Window().Get("history").Call("replaceState", nil, "", searchURL(p.query))
}

func (p *searchPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
}
