package shell

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// searchBox is the search form in the header. Without the app running it is
// an ordinary GET form to /search; once the app runs, submitting navigates
// inside the app, so searching works offline too (a full page load of
// /search?q=... could miss the service worker's cache).
type searchBox struct {
	app.Compo
	ui.SplitsMount

	Ilang string
	query string
}

func newSearchBox() *searchBox {
	return &searchBox{}
}

func (s *searchBox) Lang(code string) *searchBox {
	s.Ilang = code
	return s
}

func (s *searchBox) Render() app.UI {
	w := words.For(s.Ilang)
	return app.Form().
		Class("search-box").
		Role("search").
		Action(ui.LangPath(s.Ilang, ui.SearchRoute)).
		Method("get").
		OnSubmit(s.onSubmit).
		Body(
			app.Label().
				For("site-search").
				Text(w.Say("site.header.search")),
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
						Text(w.Say("site.search.button")),
				),
		)
}

func (s *searchBox) onInput(ctx app.Context, e app.Event) {
	s.query = ctx.JSSrc().Get("value").String()
}

func (s *searchBox) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ctx.Navigate(ui.SearchURL(s.Ilang, s.query))
}
