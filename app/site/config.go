package site

// Config is what the site needs from the guide (package main).
type Config struct {
	// ShortName is the name under the installed icon and the default title.
	ShortName string
	// Description is the manifest's description and the default meta one.
	Description string
	// HeadScript is an inline <script> for <head> that runs before the
	// first paint (the theme, the offer of another language); the
	// Content-Security-Policy allows it by its hash.
	HeadScript string
	// PageRoutes lists every path that has a real page, "/" first. The
	// server answers 404 for any other, and the service worker caches all
	// of them so the whole guide works offline.
	PageRoutes []string
	// PageData writes the files the app reads the chapters from (name to
	// content), with links under the base path set when it is called; they
	// are served, exported and cached offline under PageDataDir.
	PageData func() (map[string][]byte, error)
	// PageDataDir is their folder's URL path, such as "/pages/".
	PageDataDir string
	// PageIndex names the one of those files that every page also carries
	// inline (page_index.go): what the app's first render needs, so it
	// need not fetch anything before it mounts.
	PageIndex string
	// PageWords names the one of those files that every page in another
	// language than English also carries: its language's catalog.
	PageWords string
	// NotFoundRoute is the page the static export writes as 404.html, for
	// hosts that look for one.
	NotFoundRoute string
	// ServersFeed is where the directory reads today's list of public
	// servers: "" for the community list (pages.ServersFeedURL),
	// ServersFeedOff for none (servers_feed.go).
	ServersFeed string
}

// isPageRoute reports whether path (without the base path) is a real page.
func (c Config) isPageRoute(path string) bool {
	for _, r := range c.PageRoutes {
		if r == path {
			return true
		}
	}
	return false
}
