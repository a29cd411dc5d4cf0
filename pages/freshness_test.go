package pages

import (
	"testing"
	"time"
)

// The guide must not age silently: every page says when it was last read
// against its sources, and a page (or one of its sources) not checked for
// more than StaleAfterMonths before the day the tests run fails the build.
func TestPagesAreNotStale(t *testing.T) {
	now := time.Now()
	for _, c := range Chapters() {
		stale, ok := c.Stale(now)
		switch {
		case !ok:
			t.Errorf("%s: no checked date; add `checked: YYYY-MM-DD` to its front matter", c.Slug)
		case stale:
			t.Errorf("%s: last checked on %s, more than %d months before today (%s); read it against its sources again, correct what changed, and update `checked:` and each source's date",
				c.Slug, c.Checked, StaleAfterMonths, now.Format(time.DateOnly))
		}
		for _, s := range c.Sources {
			d, err := time.Parse(time.DateOnly, s.Checked)
			if err != nil {
				t.Errorf("%s: source %s has no readable date: %q", c.Slug, s.URL, s.Checked)
				continue
			}
			if d.AddDate(0, StaleAfterMonths, 0).Before(now) {
				t.Errorf("%s: source %s was last checked on %s, more than %d months ago", c.Slug, s.URL, s.Checked, StaleAfterMonths)
			}
		}
	}
}

// A date in the future is a typo, not a check.
func TestCheckedDatesAreNotInTheFuture(t *testing.T) {
	tomorrow := time.Now().AddDate(0, 0, 1)
	for _, c := range Chapters() {
		if d, err := time.Parse(time.DateOnly, c.Checked); err == nil && d.After(tomorrow) {
			t.Errorf("%s: checked date %s is in the future", c.Slug, c.Checked)
		}
		for _, s := range c.Sources {
			if d, err := time.Parse(time.DateOnly, s.Checked); err == nil && d.After(tomorrow) {
				t.Errorf("%s: source %s has a date in the future, %s", c.Slug, s.URL, s.Checked)
			}
		}
	}
}

// The rule itself, on fixed dates: twelve months to the day is still fresh,
// one day more is stale, and a missing date is never fresh.
func TestStaleRule(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	c := Chapter{Checked: "2025-12-07"}
	for _, tc := range []struct {
		now       string
		wantStale bool
	}{
		{"2025-12-07", false},
		{"2026-06-30", false},
		{"2026-12-07", false},
		{"2026-12-08", true},
		{"2028-01-01", true},
	} {
		stale, ok := c.Stale(day(tc.now))
		if !ok || stale != tc.wantStale {
			t.Errorf("checked %s, now %s: stale=%v ok=%v, want stale=%v", c.Checked, tc.now, stale, ok, tc.wantStale)
		}
	}
	if stale, ok := (Chapter{}).Stale(day("2026-01-01")); ok || !stale {
		t.Errorf("no date: stale=%v ok=%v, want stale and not ok", stale, ok)
	}
}
