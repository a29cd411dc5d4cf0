//go:build !wasm

package main

import (
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"hellomatrix/pages"
)

func TestDescribeAge(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct{ then, now, want string }{
		{"2023-12-22", "2026-11-22", "nearly three years ago"},
		{"2023-12-22", "2023-12-30", "less than a month ago"},
		{"2023-12-22", "2024-01-22", "about a month ago"},
		{"2023-12-22", "2024-06-01", "five months ago"},
		{"2023-12-22", "2024-11-30", "nearly a year ago"},
		{"2023-12-22", "2025-01-10", "about a year ago"},
		{"2023-12-22", "2025-07-01", "more than a year ago"},
		{"2023-12-22", "2026-01-01", "about two years ago"},
		{"2023-12-22", "2036-12-22", "about 13 years ago"},
	} {
		if got := describeAge(day(tc.then), day(tc.now)); got != tc.want {
			t.Errorf("%s → %s: %q, want %q", tc.then, tc.now, got, tc.want)
		}
	}
}

func TestFilterQueryRoundTrip(t *testing.T) {
	f := pages.ServerFilter{
		Query: "gaming", Registration: pages.RegForm, Open: pages.TriYes, Captcha: pages.TriNo,
		Email: pages.TriYes, Jurisdiction: "Germany", Software: "Synapse", SortBy: pages.SortBySoftware, Desc: true,
	}
	if got := filterFromQuery(filterQuery(f)); got != f {
		t.Errorf("round trip: %+v, want %+v", got, f)
	}
	if q := filterQuery(pages.ServerFilter{SortBy: pages.SortByName}).Encode(); q != "" {
		t.Errorf("the default filter has a query: %q", q)
	}
	// Nonsense from the address bar falls back to the defaults.
	bad, _ := url.ParseQuery("reg=nope&open=maybe&sort=colour:up")
	if got := filterFromQuery(bad); got != (pages.ServerFilter{SortBy: pages.SortByName}) {
		t.Errorf("bad query gave %+v", got)
	}
	// A clicked sort button beats the hidden current order.
	both, _ := url.ParseQuery("order=name:asc&sort=jurisdiction:desc")
	if got := filterFromQuery(both); got.SortBy != pages.SortByJurisdiction || !got.Desc {
		t.Errorf("sort button ignored: %+v", got)
	}
}

func TestBasePath(t *testing.T) {
	defer useBasePath("")
	for _, prefix := range []string{"sub/path", "/sub/path/", "/sub/path"} {
		useBasePath(prefix)
		if got := sitePath("/guide/x"); got != "/sub/path/guide/x" {
			t.Errorf("useBasePath(%q): sitePath = %q", prefix, got)
		}
	}
	if got := routeOf("/sub/path/guide/x"); got != "/guide/x" {
		t.Errorf("routeOf = %q", got)
	}
	if got := routeOf("/sub/path"); got != "/" {
		t.Errorf("routeOf(base) = %q", got)
	}
	in := `<a href="/servers">a</a> <a href="#x">b</a> <a href="//cdn.example/x">c</a> <a href="https://x.example/">d</a>`
	want := `<a href="/sub/path/servers">a</a> <a href="#x">b</a> <a href="//cdn.example/x">c</a> <a href="https://x.example/">d</a>`
	if got := withBasePath(in); got != want {
		t.Errorf("withBasePath:\n got %s\nwant %s", got, want)
	}
	useBasePath("")
	if got := withBasePath(in); got != in {
		t.Errorf("withBasePath without a base changed the HTML: %s", got)
	}
}

func TestHighlight(t *testing.T) {
	got := highlightHTML("Your Homeserver & its homeservers", "homeserver")
	want := "Your <mark>Homeserver</mark> &amp; its <mark>homeserver</mark>s"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestServeRefusesPublicAddresses(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
		ok     bool
	}{
		{"127.0.0.1:8000", false, true},
		{"[::1]:8000", false, true},
		{"localhost:8000", false, true},
		{"127.0.0.2:0", false, true},
		{":8000", false, false},
		{"0.0.0.0:8000", false, false},
		{"192.0.2.10:8000", false, false},
		{"0.0.0.0:8000", true, true},
		{"nonsense", false, false},
	} {
		err := checkListenAddr(tc.addr, tc.public)
		if (err == nil) != tc.ok {
			t.Errorf("checkListenAddr(%q, public=%v) = %v", tc.addr, tc.public, err)
		}
	}
}

func TestAcceptsEncoding(t *testing.T) {
	for _, tc := range []struct {
		header, enc string
		want        bool
	}{
		{"gzip, deflate, br", "br", true},
		{"gzip, BR;q=0.1", "br", true},
		{"gzip, br;q=0", "br", false},
		{"gzip", "br", false},
		{"*", "br", true},
		{"", "gzip", false},
	} {
		if got := acceptsEncoding(tc.header, tc.enc); got != tc.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", tc.header, tc.enc, got)
		}
	}
}

// The version only changes when what readers get changes, so restarting the
// server does not tell every installed copy to update.
func TestSiteVersionIsStable(t *testing.T) {
	a, b := siteVersion(webDir), siteVersion(webDir)
	if a != b || len(a) != 16 {
		t.Errorf("versions %q and %q", a, b)
	}
	if other := siteVersion(t.TempDir()); other == a {
		t.Error("the version ignores the web assets")
	}
	defer func(v string) { releaseVersion = v }(releaseVersion)
	releaseVersion = "2024.1"
	if v := siteVersion(webDir); v != "2024.1" {
		t.Errorf("release version ignored: %q", v)
	}
}

// Server-only code must stay out of app.wasm.
func TestWasmLeavesOutServerCode(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-tags", "goolm", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := strings.Fields(string(out))
	for _, d := range deps {
		switch {
		case strings.Contains(d, "goldmark"), strings.Contains(d, "yaml"),
			d == "net/http/httptest", d == "os/exec", d == "os/signal",
			d == "hellomatrix/internal/wasmbuild", d == "hellomatrix/app/site", d == "github.com/chromedp/chromedp":
			t.Errorf("app.wasm includes %s", d)
		}
	}
	if len(deps) < 20 {
		t.Errorf("go list found only %d packages", len(deps))
	}
}
