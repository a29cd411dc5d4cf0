package main

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// searchBox is the search form in the header. Without the app running it is
// an ordinary GET form to /search; once the app runs, submitting navigates
// inside the app, so searching works offline too (a full page load of
// /search?q=... could miss the service worker's cache).
type searchBox struct {
	app.Compo
	splitsMount

	query string
}

func newSearchBox() *searchBox {
	return &searchBox{}
}

func (s *searchBox) Render() app.UI {
	return app.Form().
		Class("search-box").
		Role("search").
		Action(sitePath(searchRoute)).
		Method("get").
		OnSubmit(s.onSubmit).
		Body(
			app.Label().
				For("site-search").
				Text("Search the guide"),
			app.Div().
				Class("search-row").
				Body(
					app.Input().
						ID("site-search").
						Type("search").
						Name("q").
						AutoComplete(false).
						OnInput(s.onInput),
					app.Button().
						Type("submit").
						Text("Search"),
				),
		)
}

func (s *searchBox) onInput(ctx app.Context, e app.Event) {
	s.query = ctx.JSSrc().Get("value").String()
}

func (s *searchBox) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ctx.Navigate(searchURL(s.query))
}

// searchURL is the link to the results page for a query.
func searchURL(query string) string {
	query = strings.TrimSpace(query)
	if query == "" {
		return sitePath(searchRoute)
	}
	return sitePath(searchRoute) + "?q=" + url.QueryEscape(query)
}
