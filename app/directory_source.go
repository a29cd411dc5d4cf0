package main

import (
	"strconv"
	"time"

	"hellomatrix/pages"
)

// listKind is which list of servers the directory shows.
type listKind int

const (
	fromSnapshot listKind = iota // the dated snapshot compiled into the guide
	fromSaved                    // the last good live list, kept in this browser
	fromLive                     // the live list, fetched during this visit
)

// listSource says what the directory shows and how old it is, so the
// reader can judge the rows: the sentence above the table comes from it.
type listSource struct {
	Kind      listKind
	FetchedAt time.Time // when a saved or live list was fetched
	FeedHost  string    // where the live list comes from, e.g. servers.joinmatrix.org
	Checking  bool      // a refresh is under way
	// Failure finishes "the live list could not be read: …" when the last
	// refresh failed ("" when it did not, or none was tried).
	Failure string
}

// sentence is the directory's caption text for this source.
func (s listSource) sentence(now time.Time) string {
	var text string
	switch s.Kind {
	case fromLive:
		return "Live list from " + s.FeedHost + ", fetched " + sinceWords(now.Sub(s.FetchedAt)) + ". Each server's own website has its current rules."
	case fromSaved:
		text = "Saved list from " + longDate(s.FetchedAt) + ", " + savedAge(now.Sub(s.FetchedAt))
	default:
		text = "Snapshot from " + longDate(snapshotDate()) + " (" + describeAge(snapshotDate(), now) + ")"
	}
	switch {
	case s.Kind == fromSnapshot && !s.Checking && s.Failure == "":
		return text + " of the community list at " + pages.ServersSourceHost + "; details may have changed since."
	case s.Checking:
		return text + ". Looking for today's list…"
	case s.Failure != "" && s.Kind == fromSaved:
		return text + " — the live list could not be read just now: " + s.Failure + "."
	case s.Failure != "":
		return text + " — the live list could not be read: " + s.Failure + "."
	}
	return text + "."
}

func snapshotDate() time.Time {
	t, _ := time.Parse(time.DateOnly, pages.ServersSnapshotDate)
	return t
}

// longDate writes a date the way the page does elsewhere: 22 December 2023.
func longDate(t time.Time) string { return t.Local().Format("2 January 2006") }

// savedAge is how old a saved list is: in days once it is a day old, and
// before that by when it was fetched.
func savedAge(d time.Duration) string {
	if days := int(d / (24 * time.Hour)); days >= 1 {
		return plural(days, "day") + " old"
	}
	return "fetched " + sinceWords(d)
}

// sinceWords is a short time ago in words: "just now", "2 minutes ago".
func sinceWords(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	}
	return plural(int(d/(24*time.Hour)), "day") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
