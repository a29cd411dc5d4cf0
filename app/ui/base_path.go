package ui

import (
	"hellomatrix/app/basepath"
)

// The URL prefix the site lives under is kept in package basepath, which the
// server side (app/site) shares; these are the names the components use.
// In the browser main sets it from go-app's GOAPP_ROOT_PREFIX.

// UseBasePath normalises and stores the prefix ("/", "sub/" and "" all work).
func UseBasePath(prefix string) { basepath.Set(prefix) }

// SitePath turns a route such as "/guide/register" into the URL path to link.
func SitePath(route string) string { return basepath.Join(route) }

// RouteOf is the inverse of SitePath: it strips the base from a URL path.
func RouteOf(urlPath string) string { return basepath.RouteOf(urlPath) }

// WithBasePath prefixes the site-absolute links (href="/...") inside HTML
// that was rendered ahead of time without knowing where it would be hosted.
func WithBasePath(html string) string { return basepath.PrefixLinks(html) }
