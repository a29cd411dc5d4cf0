//go:build !wasm

package main

import (
	"hellomatrix/app/site"
	"hellomatrix/app/words"
)

// runCommandLine is the server's entry point: main calls it after go-app has
// had its chance to run in a browser. The server and the static export are
// package site; it prerenders the routes registerRoutes gave go-app.
func runCommandLine() { site.Main(siteConfig()) }

// siteConfig is what the site needs to know about the guide.
func siteConfig() site.Config {
	return site.Config{
		ShortName:     siteName,
		Description:   homeDescription(words.For(words.English)), // the manifest's, which has one language
		HeadScript:    headScript,
		PageRoutes:    pageRoutes(),
		PageData:      pageDataFiles,
		PageDataDir:   pageDataDir,
		PageIndex:     pageIndexFile,
		NotFoundRoute: notFoundRoute,
	}
}
