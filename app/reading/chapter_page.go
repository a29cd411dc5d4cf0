package reading

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/shell"
	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// ChapterPage renders any chapter of the guide, chosen by the slug in the
// URL. Moving from one chapter to the next keeps the same component and only
// swaps the chapter it shows.
type ChapterPage struct {
	app.Compo

	chapter pages.Chapter
	found   bool
	lang    string // the page's language code (language.go)
	route   string
	slug    string
	// failed says the chapter's body could not be fetched (in the
	// browser, going to a chapter the app has not shown yet).
	failed bool
}

func (p *ChapterPage) OnInit() {
	p.load(ui.BrowserRoute())
	ui.YieldToBrowser() // see SplitsMount
}

func (p *ChapterPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *ChapterPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *ChapterPage) initPage(ctx app.Context) {
	p.load(ui.CurrentRoute(ctx))
	if !p.found {
		w := words.For(p.lang)
		ui.SetPageMeta(ctx, w.Say("site.chapter.not_found_title"), w.Say("site.chapter.not_found_description"))
		return
	}
	ui.SetPageMeta(ctx, p.chapter.Title, p.chapter.Description)
	if !p.chapter.HasBody() {
		p.fetchBody(ctx)
	}
}

// fetchBody gets the body of a chapter the reader went to from another
// page of the app: the service worker has it, or the site sends it.
func (p *ChapterPage) fetchBody(ctx app.Context) {
	lang, slug := p.lang, p.slug
	p.failed = false
	ctx.Async(func() {
		err := fetchChapterBody(ctx, lang, slug)
		ctx.Dispatch(func(ctx app.Context) {
			if p.slug != slug || p.lang != lang {
				return // the reader has moved on
			}
			if err != nil {
				app.Log("fetching chapter", slug, "failed:", err)
				p.failed = true
				return
			}
			p.load(ui.CurrentRoute(ctx))
		})
	})
}

func (p *ChapterPage) load(route string) {
	lang, rest := pages.LanguageOf(route)
	p.lang, p.route = lang, route
	p.slug = chapterSlug(rest)
	p.chapter, p.found = pages.BySlugIn(lang, p.slug)
}

func (p *ChapterPage) Render() app.UI {
	w := words.For(p.lang)
	if !p.found {
		return shell.NewPage().At(ui.LocalRoute(p.lang, ui.HomeRoute)).Content( // see NotFoundPage
			newNotFound().
				Lang(p.lang).
				Title(w.Say("site.chapter.not_found_title")).
				Message(w.Say("site.chapter.not_found_message", "slug", p.slug)),
		)
	}

	c := p.chapter
	prev, next := pages.NeighboursIn(p.lang, c.Slug)
	return shell.NewPage().
		At(p.route).
		TOC(chapterTOC(w, c)).
		Content(
			app.Article().
				Class("chapter").
				Body(
					app.Header().
						Class("chapter-header").
						Body(
							app.P().
								Class("chapter-number").
								Text(w.Say("site.chapter.number", "number", strconv.Itoa(c.Number),
									"count", strconv.Itoa(len(pages.ChaptersIn(p.lang))))),
							app.H1().Text(c.Title),
							chapterChecked(w, c),
						),
					app.If(c.HasBody(),
						app.Range(c.Parts).Slice(func(i int) app.UI {
							return chapterPart(p.lang, c.Parts[i])
						}),
					).ElseIf(p.failed,
						app.P().
							Class("prose chapter-loading").
							Text(w.Say("site.chapter.load_failed")),
					).Else(
						app.P().Class("prose chapter-loading").Text(w.Say("site.chapter.loading")),
					),
					chapterSources(w, c),
				),
			newPager().Lang(p.lang).Prev(prev).Next(next),
		)
}

// chapterPart is one slice of the body: prerendered Markdown, or the place
// where the live client goes, speaking the page's language (code lang).
func chapterPart(lang string, part pages.Part) app.UI {
	if part.Widget != "" {
		return widgets.NewLiveClient(widgets.LiveModel(lang)).Lang(lang).Widget(part.Widget)
	}
	return app.Raw(PartHTML(part))
}
