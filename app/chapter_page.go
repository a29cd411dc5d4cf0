package main

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// chapterPage renders any chapter of the guide, chosen by the slug in the
// URL. Moving from one chapter to the next keeps the same component and only
// swaps the chapter it shows.
type chapterPage struct {
	app.Compo

	chapter pages.Chapter
	found   bool
	slug    string
}

func (p *chapterPage) OnInit() {
	p.load(browserRoute())
	yieldToBrowser() // see splitsMount
}

func (p *chapterPage) OnPreRender(ctx app.Context) {
	p.initPage(ctx)
}

func (p *chapterPage) OnNav(ctx app.Context) {
	p.initPage(ctx)
}

func (p *chapterPage) initPage(ctx app.Context) {
	p.load(currentRoute(ctx))
	if !p.found {
		setPageMeta(ctx, "Chapter not found", "There is no chapter at this address.")
		return
	}
	setPageMeta(ctx, p.chapter.Title, p.chapter.Description)
}

func (p *chapterPage) load(route string) {
	p.slug = strings.Trim(strings.TrimPrefix(route, "/guide/"), "/")
	p.chapter, p.found = pages.BySlug(p.slug)
}

func (p *chapterPage) Render() app.UI {
	if !p.found {
		return newPage().Content(
			newNotFound().
				Title("Chapter not found").
				Message("There is no chapter called “" + p.slug + "”. It may have been renamed; every chapter is listed below."),
		)
	}

	c := p.chapter
	prev, next := pages.Neighbours(c.Slug)
	return newPage().
		TOC(chapterTOC(c)).
		Content(
			app.Article().
				Class("chapter").
				Body(
					app.Header().
						Class("chapter-header").
						Body(
							app.P().
								Class("chapter-number").
								Text("Chapter "+strconv.Itoa(c.Number)+" of "+strconv.Itoa(len(pages.Chapters()))),
							app.H1().Text(c.Title),
							chapterChecked(c),
						),
					app.Range(c.Parts).Slice(func(i int) app.UI {
						return chapterPart(c.Parts[i])
					}),
					chapterSources(c),
				),
			newPager().Prev(prev).Next(next),
		)
}

// chapterPart is one slice of the body: prerendered Markdown, or the place
// where the live client goes.
func chapterPart(part pages.Part) app.UI {
	if part.Widget != "" {
		return newLiveClient().Widget(part.Widget)
	}
	return app.Raw(withBasePath(part.HTML))
}
