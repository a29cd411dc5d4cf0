//go:build !wasm

package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var (
	hrefAttr = regexp.MustCompile(`\shref="([^"]*)"`)
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// Every link inside the site must land somewhere: the page or file must
// exist, and so must the #anchor on it.
func TestInternalLinksResolve(t *testing.T) {
	ids := map[string]map[string]bool{} // page path -> ids on it
	idsOf := func(path string) map[string]bool {
		if got, ok := ids[path]; ok {
			return got
		}
		res := get(t, path)
		set := map[string]bool{}
		if res.Status == http.StatusOK || !isPageRoute(path) {
			for _, m := range idAttr.FindAllStringSubmatch(res.Body, -1) {
				set[m[1]] = true
			}
		} else {
			set = nil
		}
		ids[path] = set
		return set
	}

	checked := 0
	for _, from := range append(pageRoutes(), "/nope") {
		page := get(t, from).Body
		for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
			href := m[1]
			if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "mailto:") {
				continue // other sites: not ours to check here
			}
			path, anchor, _ := strings.Cut(href, "#")
			path, _, _ = strings.Cut(path, "?")
			switch {
			case path == "":
				path = from
			case !strings.HasPrefix(path, "/"):
				t.Errorf("%s: relative link %q (breaks under a base path)", from, href)
				continue
			}
			checked++
			if path == from {
				if anchor != "" && !idsOf(path)[anchor] {
					t.Errorf("%s: link %q: no id %q on the page", from, href, anchor)
				}
				continue
			}
			if !isPageRoute(path) {
				if res := get(t, path); res.Status != http.StatusOK {
					t.Errorf("%s: link %q: GET %s is %d", from, href, path, res.Status)
				}
				continue
			}
			target := idsOf(path)
			if target == nil {
				t.Errorf("%s: link %q: page %s does not load", from, href, path)
			} else if anchor != "" && !target[anchor] {
				t.Errorf("%s: link %q: no id %q on %s", from, href, anchor, path)
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d links checked: is the link pattern still right?", checked)
	}
}

// isPageRoute reports whether path (without the base path) is a real page
// (app/site answers 404 for any other).
func isPageRoute(path string) bool {
	for _, r := range pageRoutes() {
		if r == path {
			return true
		}
	}
	return false
}
