package directory

import (
	"time"

	"hellomatrix/app/ui"
	"hellomatrix/app/words"
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
	// Failure is why the last refresh failed (nil when it did not, or
	// none was tried): fetchServersFeed's error.
	Failure error
}

// sentence is the directory's caption text for this source.
func (s listSource) sentence(w *words.Words, now time.Time) string {
	switch s.Kind {
	case fromLive:
		return w.Say("site.directory.source_live", "host", s.FeedHost, "when", sinceWords(w, now.Sub(s.FetchedAt)))
	case fromSaved:
		date, age := ui.LongDate(w, s.FetchedAt.Local()), savedAge(w, now.Sub(s.FetchedAt))
		switch {
		case s.Checking:
			return w.Say("site.directory.source_saved_checking", "date", date, "age", age)
		case s.Failure != nil:
			return w.Say("site.directory.source_saved_failed", "date", date, "age", age,
				"reason", feedProblemText(w, s.Failure))
		}
		return w.Say("site.directory.source_saved", "date", date, "age", age)
	}
	date, age := ui.LongDate(w, snapshotDate()), describeAge(w, snapshotDate(), now)
	switch {
	case s.Checking:
		return w.Say("site.directory.source_snapshot_checking", "date", date, "age", age)
	case s.Failure != nil:
		return w.Say("site.directory.source_snapshot_failed", "date", date, "age", age,
			"reason", feedProblemText(w, s.Failure))
	}
	return w.Say("site.directory.source_snapshot", "date", date, "age", age, "host", pages.ServersSourceHost)
}

func snapshotDate() time.Time {
	t, _ := time.Parse(time.DateOnly, pages.ServersSnapshotDate)
	return t
}

// savedAge is how old a saved list is: in days once it is a day old, and
// before that by when it was fetched.
func savedAge(w *words.Words, d time.Duration) string {
	if days := int(d / (24 * time.Hour)); days >= 1 {
		return w.SayN("site.age.days_old", days)
	}
	return w.Say("site.directory.saved_fetched", "when", sinceWords(w, d))
}

// sinceWords is a short time ago in words: "just now", "2 minutes ago".
func sinceWords(w *words.Words, d time.Duration) string {
	switch {
	case d < time.Minute:
		return w.Say("site.age.just_now")
	case d < time.Hour:
		return w.SayN("site.age.minutes_ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return w.SayN("site.age.hours_ago", int(d/time.Hour))
	}
	return w.SayN("site.age.days_ago", int(d/(24*time.Hour)))
}
