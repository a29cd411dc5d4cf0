package site

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	"hellomatrix/pages"
)

// ServersFeedOff in Config.ServersFeed (or `-servers-feed off`) keeps the
// directory on its dated snapshot: for a host that wants the guide to ask
// no other site for anything.
const ServersFeedOff = "off"

// ServersFeedMeta names the <meta> that tells the directory where today's
// list of servers is. The address is the host's choice, made when the site
// is served or exported; it is in every page's head, never in a query
// string, so a link someone sends cannot point a reader's directory at a
// list of their own making.
const serversFeedMeta = "hello-matrix-servers-feed"

// serversFeed is the feed address the pages name: the community list
// unless the host chose another or none.
func (c Config) serversFeed() string {
	if c.ServersFeed == "" {
		return pages.ServersFeedURL
	}
	return c.ServersFeed
}

// serversFeedTag is the <meta> for the page head.
func serversFeedTag(cfg Config) string {
	return `<meta name="` + serversFeedMeta + `" content="` + html.EscapeString(cfg.serversFeed()) + `">`
}

// checkServersFeed vets the `-servers-feed` flag: https anywhere, plain
// http only on this computer (the tests' feeds), or "off".
func checkServersFeed(feed string) error {
	if feed == ServersFeedOff {
		return nil
	}
	u, err := url.Parse(feed)
	if err == nil && u.Host != "" {
		switch {
		case u.Scheme == "https":
			return nil
		case u.Scheme == "http" && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost" || u.Hostname() == "::1"):
			return nil
		}
	}
	return fmt.Errorf("-servers-feed %q: give an https:// address, an http:// one on 127.0.0.1 or localhost, or %q to keep the directory on its snapshot",
		strings.TrimSpace(feed), ServersFeedOff)
}
