//go:build !wasm

package main

import (
	"fmt"

	"hellomatrix/app/reading"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// pageDataFiles are the JSON files the app reads the chapters from (file
// name under PageDataDir to content), written with the site's base path in
// their links: the server sends them and the static export writes them.
//
// Each language has its own (PageDataFile): the app reads those of the
// language of the page it runs on.
func pageDataFiles() (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, l := range pages.Languages {
		if err := addPageData(files, l.Code, pages.ChaptersIn(l.Code)); err != nil {
			return nil, err
		}
		if l.Code != pages.English {
			catalog, ok := words.File(l.Code)
			if !ok {
				return nil, fmt.Errorf("no catalog for %s", l.Code)
			}
			files[reading.PageDataFile(l.Code, reading.PageWordsFile)] = catalog
		}
	}
	return files, nil
}

// addPageData adds one language's files.
func addPageData(files map[string][]byte, lang string, chs []pages.Chapter) error {
	index, err := pages.IndexJSON(chs)
	if err != nil {
		return err
	}
	files[reading.PageDataFile(lang, reading.PageIndexFile)] = index
	search, err := pages.SearchJSON(chs)
	if err != nil {
		return err
	}
	files[reading.PageDataFile(lang, reading.PageSearchFile)] = search
	for _, c := range chs {
		parts := make([]pages.Part, len(c.Parts))
		for i, p := range c.Parts {
			parts[i] = pages.Part{Widget: p.Widget, HTML: reading.PartHTML(p)}
		}
		body, err := pages.PartsJSON(parts)
		if err != nil {
			return err
		}
		files[reading.PageDataFile(lang, reading.ChapterBodyFile(c.Slug))] = body
	}
	return nil
}
