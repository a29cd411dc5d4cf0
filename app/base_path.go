package main

import "strings"

// basePath is the URL prefix the site lives under: "" at the root of a host,
// "/sub/path" when it is deployed as, say, a project page. The server takes it
// from the -base flag; in the browser it comes back through go-app's
// GOAPP_ROOT_PREFIX, which the handler fills from the same value.
//
// go-app only prefixes /web/ resources by itself, so every link to a page
// goes through sitePath.
var basePath string

// useBasePath normalises and stores the prefix ("/", "sub/" and "" all work).
func useBasePath(prefix string) {
	prefix = strings.Trim(prefix, "/")
	if prefix == "" {
		basePath = ""
		return
	}
	basePath = "/" + prefix
}

// sitePath turns a route such as "/guide/register" into the URL path to link.
func sitePath(route string) string {
	return basePath + route
}

// routeOf is the inverse of sitePath: it strips the base from a URL path.
func routeOf(urlPath string) string {
	route := strings.TrimPrefix(urlPath, basePath)
	if route == "" || route[0] != '/' {
		route = "/" + route
	}
	return route
}

// withBasePath prefixes the site-absolute links (href="/...") inside HTML
// that was rendered ahead of time without knowing where it would be hosted.
func withBasePath(html string) string {
	if basePath == "" {
		return html
	}
	var b strings.Builder
	for {
		i := strings.Index(html, `href="/`)
		if i < 0 {
			b.WriteString(html)
			return b.String()
		}
		start := i + len(`href="`)
		b.WriteString(html[:start])
		html = html[start:]
		if !strings.HasPrefix(html, "//") { // "//host/x" is another site
			b.WriteString(basePath)
		}
	}
}
