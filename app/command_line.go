//go:build !wasm

package main

import (
	"hellomatrix/app/reading"
	"hellomatrix/app/shell"
	"hellomatrix/app/site"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
)

// runCommandLine is the server's entry point: main calls it after go-app has
// had its chance to run in a browser. The server and the static export are
// package site; it prerenders the routes registerRoutes gave go-app.
func runCommandLine() { site.Main(siteConfig()) }

// siteConfig is what the site needs to know about the guide.
func siteConfig() site.Config {
	return site.Config{
		ShortName:     ui.SiteName,
		Description:   reading.HomeDescription(words.For(words.English)), // the manifest's, which has one language
		HeadScript:    shell.HeadScript,
		PageRoutes:    pageRoutes(),
		PageData:      pageDataFiles,
		PageDataDir:   reading.PageDataDir,
		PageIndex:     reading.PageIndexFile,
		PageWords:     reading.PageWordsFile,
		NotFoundRoute: ui.NotFoundRoute,
	}
}
