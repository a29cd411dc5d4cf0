//go:build !wasm

package main

import (
	"strings"
	"testing"

	"hellomatrix/app/site/sitetest"
	"hellomatrix/app/widgets"
	"hellomatrix/pages"
)

// chapterWith is the path of the chapter that embeds widget.
func chapterWith(t *testing.T, widget string) string {
	t.Helper()
	for _, c := range pages.Chapters() {
		for _, p := range c.Parts {
			if p.Widget == widget {
				return c.Path()
			}
		}
	}
	t.Fatalf("no chapter embeds %s", widget)
	return ""
}

// The prerendered widgets are their empty, signed-out forms with every
// control disabled (they only work once the app runs), and the header's
// account slot is empty: a cached page never holds anyone's data.
func TestWidgetsArePrerenderedEmpty(t *testing.T) {
	for widget, controls := range map[string][]string{
		pages.WidgetServerPicker: {"picker-server"},
		pages.WidgetRegister:     {"register-server", "register-username", "register-password"},
		pages.WidgetLogin:        {"login-user", "login-server", "login-password"},
	} {
		path := chapterWith(t, widget)
		page := mustGet(t, path).Body
		for _, id := range controls {
			tags := sitetest.TagsWith(page, "", "id", id)
			if len(tags) != 1 {
				t.Errorf("%s: %d elements with id %q", path, len(tags), id)
				continue
			}
			if _, ok := tags[0].Attrs["disabled"]; !ok {
				t.Errorf("%s: #%s is not disabled before the app runs", path, id)
			}
			if v := tags[0].Attrs["value"]; v != "" {
				t.Errorf("%s: #%s is prerendered with the value %q", path, id, v)
			}
		}
		if !strings.Contains(page, `<div class="account-slot" id="account-slot"></div>`) &&
			!strings.Contains(page, `<div id="account-slot" class="account-slot"></div>`) {
			t.Errorf("%s: the account slot is not empty", path)
		}
		for _, leak := range []string{"Signed in as", "access_token", "Log out"} {
			if strings.Contains(page, leak) {
				t.Errorf("%s: prerendered page contains %q", path, leak)
			}
		}
	}
}

// The picker offers the public servers that were taking new users first,
// then the others, then a field to type any server.
func TestPickerListsOpenServersFirst(t *testing.T) {
	page := mustGet(t, chapterWith(t, pages.WidgetServerPicker)).Body
	openGroup := strings.Index(page, `label="Public servers that were taking new users"`)
	closedGroup := strings.Index(page, `label="Public servers that were not"`)
	other := strings.Index(page, `value="`+widgets.OtherServer+`"`)
	if openGroup < 0 || closedGroup < openGroup || other < closedGroup {
		t.Fatalf("groups out of order: open %d, closed %d, other %d", openGroup, closedGroup, other)
	}
	for _, s := range pages.Servers() {
		at := strings.Index(page, `<option value="`+s.Name+`"`)
		if at < 0 {
			t.Errorf("%s is not offered", s.Name)
			continue
		}
		if s.Open != (at < closedGroup) {
			t.Errorf("%s (open: %v) is in the wrong group", s.Name, s.Open)
		}
	}
}
