//go:build !wasm

package main

import (
	"hellomatrix/pages"
)

// pageDataFiles are the JSON files the app reads the chapters from (file
// name under pageDataDir to content), written with the site's base path in
// their links: the server sends them and the static export writes them.
func pageDataFiles() (map[string][]byte, error) {
	chs := pages.Chapters()
	files := map[string][]byte{}
	index, err := pages.IndexJSON(chs)
	if err != nil {
		return nil, err
	}
	files[pageIndexFile] = index
	search, err := pages.SearchJSON(chs)
	if err != nil {
		return nil, err
	}
	files[pageSearchFile] = search
	for _, c := range chs {
		parts := make([]pages.Part, len(c.Parts))
		for i, p := range c.Parts {
			parts[i] = pages.Part{Widget: p.Widget, HTML: partHTML(p)}
		}
		body, err := pages.PartsJSON(parts)
		if err != nil {
			return nil, err
		}
		files[chapterBodyFile(c.Slug)] = body
	}
	return files, nil
}
