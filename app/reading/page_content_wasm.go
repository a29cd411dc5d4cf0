//go:build wasm

package reading

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/ui"
	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// pageDataWait bounds one fetch of a page data file: they come from the
// service worker's cache, or are a few KB from the site itself.
const pageDataWait = 20 * time.Second

// LoadStartingPage gets what the first render needs before go-app mounts
// over the prerendered page: the chapters' index (read from the page, or
// fetched when the page has none), the body of the chapter the reader is on
// (read from the page itself) and, on the search page, the search text. It
// reports false when the index cannot be had; the prerendered page then
// stays as it is rather than be replaced by one that knows no chapters.
// A page in another language than English gives the app its language's
// words the same way (the WASM has only English's built in), and the page
// stays as it is without them rather than turn English.
func LoadStartingPage() bool {
	ctx := context.Background()
	lang, route := pages.LanguageOf(ui.RouteOf(app.Window().URL().Path))
	index, err := blockFromPage(PageIndexID), error(nil)
	if index == nil {
		index, err = fetchPageData(ctx, PageDataFile(lang, PageIndexFile))
	}
	if err == nil {
		err = pages.LoadIndex(index)
	}
	if err != nil {
		app.Log("the guide's chapters could not be loaded, the page stays as it is:", err)
		return false
	}
	if lang != pages.English {
		catalog, err := blockFromPage(PageWordsID), error(nil)
		if catalog == nil {
			catalog, err = fetchPageData(ctx, PageDataFile(lang, PageWordsFile))
		}
		if err == nil {
			err = words.Add(lang, catalog)
		}
		if err != nil {
			app.Log("the page's words could not be loaded, the page stays as it is:", err)
			return false
		}
	}
	// The live client's view model for the visit words what it says in
	// the page's language (live_model_wasm.go).
	widgets.StartVisit(lang)
	switch {
	case route == ui.SearchRoute:
		if err := loadSearchText(ctx, lang); err != nil {
			app.Log("the search text could not be loaded:", err)
		}
	case strings.HasPrefix(route, "/guide/"):
		readBodyFromPage(lang, chapterSlug(route))
	}
	return true
}

// blockFromPage is what the page carries in the data block with that id
// (site.PageIndexID, site.PageWordsID), or nil.
func blockFromPage(id string) []byte {
	el := app.Window().Get("document").Call("getElementById", id)
	if !el.Truthy() {
		return nil
	}
	return []byte(el.Get("textContent").String())
}

// readBodyFromPage takes the chapter's body from the prerendered article:
// its children are the header, then one element per part, in order. A page
// that does not match the index is left to be fetched.
func readBodyFromPage(lang, slug string) {
	c, ok := pages.BySlugIn(lang, slug)
	if !ok {
		return
	}
	article := app.Window().Get("document").Call("querySelector", "article.chapter")
	if !article.Truthy() {
		return
	}
	children := article.Get("children")
	if children.Get("length").Int() < 1+len(c.Parts) {
		return
	}
	parts := make([]pages.Part, len(c.Parts))
	for i, p := range c.Parts {
		parts[i].Widget = p.Widget
		if p.Widget == "" {
			parts[i].HTML = children.Index(1 + i).Get("outerHTML").String()
		}
	}
	if err := pages.SetParts(slug, parts); err != nil {
		app.Log("the chapter on the page does not match the index:", err)
	}
}

// fetchChapterBody gets the body of the chapter called slug.
func fetchChapterBody(ctx context.Context, lang, slug string) error {
	data, err := fetchPageData(ctx, PageDataFile(lang, ChapterBodyFile(slug)))
	if err != nil {
		return err
	}
	parts, err := pages.ReadParts(data)
	if err != nil {
		return err
	}
	return pages.SetParts(slug, parts)
}

// loadSearchText gets the text the offline search looks through.
func loadSearchText(ctx context.Context, lang string) error {
	data, err := fetchPageData(ctx, PageDataFile(lang, PageSearchFile))
	if err != nil {
		return err
	}
	return pages.LoadSearch(data)
}

func fetchPageData(ctx context.Context, name string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, pageDataWait)
	defer cancel()
	u := *app.Window().URL()
	u.Path, u.RawQuery, u.Fragment = PageDataPath(name), "", ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	res, err := matrix.Do(req) // fetch itself: net/http's client would add MBs

	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %d", name, res.StatusCode)
	}
	return io.ReadAll(res.Body)
}
