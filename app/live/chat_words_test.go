package live

import (
	"testing"
	"time"
)

func TestShortTime(t *testing.T) {
	zone := time.FixedZone("UTC+05:30", 5*3600+1800)
	now := time.Date(2026, 12, 2, 1, 0, 0, 0, zone)
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 20, 5, 0, 0, time.UTC), "01:35"},            // today, in the reader's zone
		{time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC), "1 Dec, 23:30"},     // yesterday there
		{time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC), "4 Mar 2025, 15:30"}, // another year
	} {
		if got := ShortTime(tc.at, now); got != tc.want {
			t.Errorf("ShortTime(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
}

func TestFirstUnseen(t *testing.T) {
	lines := []ChatLine{{Key: "$1"}, {Key: "$2"}, {Key: "$3", Own: true}, {Key: "$4"}, {Key: "$5"}}
	for _, tc := range []struct {
		seen     string
		first, n int
	}{
		{"$5", -1, 0}, // seen everything
		{"$2", 3, 2},  // own lines are not news
		{"$1", 1, 3},
		{"", -1, 0},
		{"$gone", -1, 0},
	} {
		if first, n := FirstUnseen(lines, tc.seen); first != tc.first || n != tc.n {
			t.Errorf("FirstUnseen(seen %q) = %d, %d; want %d, %d", tc.seen, first, n, tc.first, tc.n)
		}
	}
}

func TestWho(t *testing.T) {
	for _, tc := range []struct {
		l    ChatLine
		want string
	}{
		{ChatLine{Sender: "@me:hs", SenderName: "Me", Own: true}, "You"},
		{ChatLine{Sender: "@a:hs", SenderName: "<b>Alice</b>"}, "<b>Alice</b>"},
		{ChatLine{Sender: "@a:hs"}, "@a:hs"},
	} {
		if got := tc.l.Who(); got != tc.want {
			t.Errorf("%+v.Who() = %q, want %q", tc.l, got, tc.want)
		}
	}
}
