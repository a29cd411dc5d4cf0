package main

import (
	"testing"
	"time"
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
		{listSource{Kind: fromSaved, FetchedAt: now.Add(-3*24*time.Hour - time.Hour), Failure: "you are offline"},
			"Saved list from 29 November 2026, 3 days old — the live list could not be read just now: you are offline."},
		{listSource{Kind: fromSaved, FetchedAt: now.Add(-5 * time.Hour), Checking: true},
			"Saved list from 2 December 2026, fetched 5 hours ago. Looking for today's list…"},
		{listSource{Kind: fromSaved, FetchedAt: now.Add(-25 * time.Hour), Failure: "x"},
			"Saved list from 1 December 2026, 1 day old — the live list could not be read just now: x."},
		{listSource{Kind: fromSnapshot, Failure: "it is not a valid list (its JSON is broken)"},
			"Snapshot from 22 December 2023 (nearly three years ago) — the live list could not be read: it is not a valid list (its JSON is broken)."},
		{listSource{Kind: fromSnapshot, Checking: true},
			"Snapshot from 22 December 2023 (nearly three years ago). Looking for today's list…"},
	} {
		if got := c.s.sentence(now); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}
