package directory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// The directory refreshes its rows from the community list when the reader
// is online. The address is the one the page's head names (site's
// -servers-feed): a host's choice, never the URL's, so nobody can send a
// link that fills a reader's directory with servers of their choosing.
const (
	ServersFeedMeta = "hello-matrix-servers-feed"
	serversFeedOff  = "off"

	// feedWait bounds how long the page waits for the list before it gives
	// up and says so; the rows already shown stay.
	feedWait = 20 * time.Second
	// feedMaxBytes is far above any real list (the 2023 one is 40 KB)
	// and stops a runaway answer from filling the tab's memory.
	feedMaxBytes = 2 << 20

	// savedListKey is the localStorage item with the last good live list.
	//
	// localStorage rather than the service worker's cache: go-app's worker
	// keys its cache by the guide's version and drops it on every update,
	// which would lose the list each time the guide changes; the list also
	// has to be read back checked (pages.ServerProblem) with its fetch time,
	// synchronously before the first render, which a Cache entry cannot do.
	savedListKey = "hello-matrix.servers-list"
)

// savedList is the last good live list as kept in the browser.
type savedList struct {
	Feed      string         `json:"feed"` // the address it came from
	FetchedAt time.Time      `json:"fetched_at"`
	Servers   []pages.Server `json:"servers"`
}

// configuredFeed is the feed address the page names, or "" for none.
func configuredFeed() string {
	if !app.IsClient {
		return ""
	}
	meta := app.Window().Get("document").Call("querySelector", `meta[name="`+ServersFeedMeta+`"]`)
	if !meta.Truthy() {
		return ""
	}
	feed := meta.Call("getAttribute", "content").String()
	if feed == serversFeedOff {
		return ""
	}
	return feed
}

// feedHost is how the caption names the feed: its host.
func feedHost(feed string) string {
	if u, err := url.Parse(feed); err == nil && u.Host != "" {
		return u.Host
	}
	return feed
}

// loadSavedList reads the kept list for feed. Each row is checked again as
// the feed's were, and a list that no longer passes CheckFeed is ignored:
// storage is the page's own, but a stale or edited copy must not show what
// a fresh feed could not.
func loadSavedList(feed string) (savedList, bool) {
	v := app.Window().Get("localStorage").Call("getItem", savedListKey)
	if !v.Truthy() {
		return savedList{}, false
	}
	var saved savedList
	if json.Unmarshal([]byte(v.String()), &saved) != nil || saved.Feed != feed || saved.FetchedAt.IsZero() {
		return savedList{}, false
	}
	var ok []pages.Server
	for _, s := range saved.Servers {
		if pages.ServerProblem(s) == "" {
			ok = append(ok, s)
		}
	}
	if pages.CheckFeed(pages.FeedResult{Servers: ok, Listed: len(saved.Servers)}) != nil {
		return savedList{}, false
	}
	saved.Servers = ok
	return saved, true
}

// keepList saves a good live list. A browser that refuses storage (private
// modes, a full quota) only loses the offline copy.
func keepList(saved savedList) {
	b, err := json.Marshal(saved)
	if err != nil {
		return
	}
	defer func() { recover() }() // setItem throws when the quota is full
	app.Window().Get("localStorage").Call("setItem", savedListKey, string(b))
}

// feedFailure is why the live list did not arrive; feedProblemText words
// it, and pages.FeedProblem why one that arrived was refused.
type feedFailure struct {
	kind feedFailureKind
	n    int // the seconds waited (feedTooSlow), the HTTP status (feedHTTPError)
}

type feedFailureKind string

const (
	feedBadSetting feedFailureKind = "bad-setting" // the page names no usable address
	feedTooSlow    feedFailureKind = "too-slow"
	feedOffline    feedFailureKind = "offline"
	feedNoAnswer   feedFailureKind = "no-answer"
	feedHTTPError  feedFailureKind = "http-error"
	feedCutOff     feedFailureKind = "cut-off"
)

func (f *feedFailure) Error() string { return fmt.Sprintf("servers feed: %s %d", f.kind, f.n) }

// fetchServersFeed reads and checks the live list. Its error is a
// *feedFailure or a *pages.FeedProblem.
func fetchServersFeed(ctx context.Context, feed string) ([]pages.Server, error) {
	ctx, cancel := context.WithTimeout(ctx, feedWait)
	defer cancel()
	tooSlow := &feedFailure{kind: feedTooSlow, n: int(feedWait / time.Second)}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed, nil)
	if err != nil {
		return nil, &feedFailure{kind: feedBadSetting}
	}
	res, err := matrix.Do(req)
	if err != nil {
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return nil, tooSlow
		case !browserOnline():
			return nil, &feedFailure{kind: feedOffline}
		}
		return nil, &feedFailure{kind: feedNoAnswer}
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, &feedFailure{kind: feedHTTPError, n: res.StatusCode}
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, feedMaxBytes+1))
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, tooSlow
	case err != nil:
		return nil, &feedFailure{kind: feedCutOff}
	case len(raw) > feedMaxBytes:
		return nil, pages.ErrFeedTooLarge
	}
	parsed, err := pages.ParseServerFeed(raw)
	if err == nil {
		err = pages.CheckFeed(parsed)
	}
	if err != nil {
		return nil, err
	}
	return parsed.Servers, nil
}

// browserOnline is navigator.onLine: false means certainly offline.
func browserOnline() bool {
	return app.Window().Get("navigator").Get("onLine").Bool()
}
