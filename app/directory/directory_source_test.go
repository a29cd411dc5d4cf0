package directory

import (
	"testing"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

func TestListSourceSentence(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.Local)
	for _, c := range []struct {
		s    listSource
		want string
	}{
		{listSource{Kind: fromLive, FeedHost: "servers.joinmatrix.org", FetchedAt: now.Add(-2 * time.Minute)},
			"Live list from servers.joinmatrix.org, fetched 2 minutes ago. Each server's own website has its current rules."},
		{listSource{Kind: fromLive, FeedHost: "x", FetchedAt: now.Add(-10 * time.Second)},
			"Live list from x, fetched just now. Each server's own website has its current rules."},
		{listSource{Kind: fromSaved, FetchedAt: now.Add(-3*24*time.Hour - time.Hour), Failure: &feedFailure{kind: feedOffline}},
			"Saved list from 29 November 2026, 3 days old — the live list could not be read just now: you are offline."},
		{listSource{Kind: fromSaved, FetchedAt: now.Add(-5 * time.Hour), Checking: true},
			"Saved list from 2 December 2026, fetched 5 hours ago. Looking for today's list…"},
		{listSource{Kind: fromSaved, FetchedAt: now.Add(-25 * time.Hour), Failure: &feedFailure{kind: feedHTTPError, n: 502}},
			"Saved list from 1 December 2026, 1 day old — the live list could not be read just now: its website answered with an error (HTTP 502)."},
		{listSource{Kind: fromSnapshot, Failure: pages.ErrFeedNotJSON},
			"Snapshot from 22 December 2023 (nearly three years ago) — the live list could not be read: it is not a valid list (its JSON is broken)."},
		{listSource{Kind: fromSnapshot, Checking: true},
			"Snapshot from 22 December 2023 (nearly three years ago). Looking for today's list…"},
	} {
		if got := c.s.sentence(words.For("en"), now); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

// Every reason a feed fails has its words, which finish the caption's
// sentence as they did before they came from the catalog.
func TestFeedProblemText(t *testing.T) {
	en := words.For("en")
	for _, c := range []struct {
		err  error
		want string
	}{
		{&feedFailure{kind: feedBadSetting}, "the guide's setting for its address is broken"},
		{&feedFailure{kind: feedTooSlow, n: 20}, "it did not arrive within 20 seconds"},
		{&feedFailure{kind: feedOffline}, "you are offline"},
		{&feedFailure{kind: feedNoAnswer}, "its website did not answer (it may be down, or your network blocks it)"},
		{&feedFailure{kind: feedCutOff}, "the connection broke while it was arriving"},
		{pages.ErrFeedTooLarge, "it is far larger than a list of servers should be"},
		{pages.ErrFeedNoList, "it has no list of servers in it"},
		{pages.CheckFeed(pages.FeedResult{}), "it lists no servers at all"},
		{pages.CheckFeed(pages.FeedResult{Listed: 5}), "only 0 of its 5 entries could be used, too few to trust"},
		{&pages.FeedProblem{Kind: pages.FeedMostlyBroken, Usable: 30, Listed: 70}, "only 30 of its 70 entries could be used, so it looks broken"},
	} {
		if got := feedProblemText(en, c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
		if p, ok := c.err.(*pages.FeedProblem); ok && p.Error() != c.want {
			t.Errorf("%v: its Error is not the catalog's English, %q", c.err, c.want)
		}
	}
}
