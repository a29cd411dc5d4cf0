package basepath

import "strings"

// prefix is process-wide: the components read it while they render, and
// the server or exporter sets it before rendering.
var prefix string

// Set normalises and stores the prefix ("/", "sub/" and "" all work).
func Set(p string) {
	p = strings.Trim(p, "/")
	if p == "" {
		prefix = ""
		return
	}
	prefix = "/" + p
}

// Get is the stored prefix: "" or "/sub/path".
func Get() string { return prefix }

// Join turns a route such as "/guide/register" into the URL path to link.
func Join(route string) string {
	return prefix + route
}

// RouteOf is the inverse of Join: it strips the prefix from a URL path.
func RouteOf(urlPath string) string {
	route := strings.TrimPrefix(urlPath, prefix)
	if route == "" || route[0] != '/' {
		route = "/" + route
	}
	return route
}

// PrefixLinks prefixes the site-absolute links (href="/...") inside HTML
// that was rendered ahead of time without knowing where it would be hosted.
func PrefixLinks(html string) string {
	if prefix == "" {
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
			b.WriteString(prefix)
		}
	}
}
