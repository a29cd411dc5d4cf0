//go:build !wasm

package main

import (
	"testing"

	"hellomatrix/app/site/sitetest"
)

// Every form control has a visible <label> with text, tied to it by id.
func TestFormControlsHaveVisibleLabels(t *testing.T) {
	for _, path := range append(pageRoutes(), "/search?q=matrix") {
		page := mustGet(t, path).Body
		labels := map[string]bool{}
		for _, l := range sitetest.FindTags(page, "label") {
			if sitetest.TextAfter(page, l) != "" {
				labels[l.Attrs["for"]] = true
			}
		}
		for _, control := range sitetest.FindTags(page, "") {
			switch control.Name {
			case "input", "select", "textarea":
			default:
				continue
			}
			if control.Attrs["type"] == "hidden" {
				continue
			}
			if id := control.Attrs["id"]; id == "" || !labels[id] {
				t.Errorf("%s: <%s %v> has no visible label", path, control.Name, control.Attrs)
			}
		}
	}
}

// The page shell offers a skip link to the main content on every page.
func TestSkipLink(t *testing.T) {
	for _, path := range pageRoutes() {
		page := mustGet(t, path).Body
		if !sitetest.HasTag(page, "a", "class", "skip-link", "href", "#main") {
			t.Errorf("%s: no skip link", path)
		}
		if !sitetest.HasTag(page, "main", "id", "main") {
			t.Errorf("%s: no <main id=\"main\">", path)
		}
	}
}
