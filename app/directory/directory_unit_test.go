//go:build !wasm

package directory

import (
	"net/url"
	"testing"
	"time"

	"hellomatrix/app/words"
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
		if got := describeAge(words.For("en"), day(tc.then), day(tc.now)); got != tc.want {
			t.Errorf("%s → %s: %q, want %q", tc.then, tc.now, got, tc.want)
		}
	}
}

func TestFilterQueryRoundTrip(t *testing.T) {
	f := pages.ServerFilter{
		Query: "gaming", Registration: pages.RegForm, Open: pages.TriYes, Captcha: pages.TriNo,
		Email: pages.TriYes, InGuide: pages.TriNo, Jurisdiction: "Germany", Software: "Synapse", SortBy: pages.SortBySoftware, Desc: true,
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
