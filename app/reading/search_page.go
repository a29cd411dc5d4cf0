package reading

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// searchResultLimit keeps the list readable; the best hits come first.
const searchResultLimit = 30

// SearchPage finds sections of the guide. The search runs in the browser
// over the chapters' text (a file the service worker keeps, loaded on the
// first search), so it works offline; the server runs the same code to
// prerender /search?q=... for readers without JavaScript.
type SearchPage struct {
	app.Compo

	route string
	input string // what is in the box, spaces and all
	query string // input, trimmed: what was searched for
	hits  []pages.SearchHit
	// noText says the text to search could not be fetched.
	noText bool
}

func (p *SearchPage) OnInit() {
	p.route = ui.BrowserRoute() // see HomePage.OnInit
	if app.IsClient {
		p.search(app.Window().URL().Query().Get("q"))
	}
}

func (p *SearchPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *SearchPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *SearchPage) initPage(ctx app.Context) {
	p.route = ui.CurrentRoute(ctx)
	p.search(ctx.Page().URL().Query().Get("q"))
	w := ui.WordsAt(p.route)
	title := w.Say("site.search.title")
	if p.query != "" {
		title = w.Say("site.search.title_query", "query", p.query)
	}
	ui.SetPageMeta(ctx, title, w.Say("site.search.description"))
	p.loadText(ctx)
}

// loadText fetches the text to search when the app does not have it yet
// (it came to this page from another), then searches again.
func (p *SearchPage) loadText(ctx app.Context) {
	if app.IsServer || pages.SearchReady() {
		return
	}
	ctx.Async(func() {
		err := loadSearchText(ctx, ui.LanguageAt(p.route))
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

func (p *SearchPage) search(input string) {
	p.input = input
	p.query = strings.TrimSpace(input)
	p.hits = pages.SearchIn(ui.LanguageAt(p.route), p.query, searchResultLimit)
}

func (p *SearchPage) Render() app.UI {
	lang := ui.LanguageAt(p.route)
	w := words.For(lang)
	return shell.NewPage().At(p.route).Content(
		app.H1().Text(w.Say("site.search.heading")),
		app.Form().
			Class("search-page-form").
			Role("search").
			Action(ui.LangPath(lang, ui.SearchRoute)).
			Method("get").
			OnSubmit(p.onSubmit).
			Body(
				app.Label().
					For("search-query").
					Text(w.Say("site.search.field")),
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
							Text(w.Say("site.search.button")),
					),
			),
		// Announced to screen readers as results change while typing.
		app.P().
			Class("search-summary").
			Role("status").
			Text(p.summary(w)),
		app.If(len(p.hits) != 0,
			app.Ol().
				Class("search-results").
				Body(
					app.Range(p.hits).Slice(func(i int) app.UI {
						return searchResult(w, p.hits[i], p.query)
					}),
				),
		),
	)
}

func (p *SearchPage) summary(w *words.Words) string {
	switch n := len(p.hits); {
	case p.query == "":
		return w.Say("site.search.hint")
	case n == 0 && p.noText:
		return w.Say("site.search.no_text")
	case n == 0:
		return w.Say("site.search.none", "query", p.query)
	case n == searchResultLimit:
		return w.SayN("site.search.found_best", n, "query", p.query)
	default:
		return w.SayN("site.search.found", n, "query", p.query)
	}
}

func searchResult(w *words.Words, hit pages.SearchHit, query string) app.UI {
	where := hit.ChapterTitle
	if hit.HeadingText != "" {
		where = w.Say("site.search.hit_where", "chapter", hit.ChapterTitle, "heading", hit.HeadingText)
	}
	return app.Li().Body(
		app.A().
			Class("search-hit-title").
			Href(ui.SitePath(hit.Path())).
			Text(where),
		app.Raw(`<p class="search-hit-snippet">`+highlightHTML(hit.Snippet, query)+`</p>`),
	)
}

// onInput searches as the reader types, and keeps the address in step so
// reloading or sharing the page shows the same results.
func (p *SearchPage) onInput(ctx app.Context, e app.Event) {
	p.search(ctx.JSSrc().Get("value").String())
	app.Window().Get("history").Call("replaceState", nil, "", ui.SearchURL(ui.LanguageAt(p.route), p.query))
}

func (p *SearchPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
}
