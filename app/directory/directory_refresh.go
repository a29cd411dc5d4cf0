package directory

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/pages"
)

// refreshList brings the directory up to date once the app runs: the saved
// list (if any) at once, then the live one when it arrives. Until then, and
// whenever the live list fails, the rows already on show stay; only the
// sentence above them changes to say why.
func (p *ServersPage) refreshList(ctx app.Context) {
	p.feed = configuredFeed()
	if p.feed == "" {
		return
	}
	p.source = listSource{Kind: fromSnapshot, FeedHost: feedHost(p.feed), Checking: true}
	if saved, ok := loadSavedList(p.feed); ok {
		p.source.Kind, p.source.FetchedAt = fromSaved, saved.FetchedAt
		p.showList(saved.Servers)
	}
	feed := p.feed
	// The caption says how old the list is ("fetched 2 minutes ago"): a
	// fresh render each minute keeps that true while the page stays open.
	ctx.Async(func() {
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				ctx.Dispatch(func(app.Context) {})
			}
		}
	})
	ctx.Async(func() {
		servers, err := fetchServersFeed(ctx, feed)
		fetchedAt := time.Now()
		ctx.Dispatch(func(ctx app.Context) {
			p.source.Checking = false
			if err != nil {
				p.source.Failure = err
				return
			}
			keepList(savedList{Feed: feed, FetchedAt: fetchedAt, Servers: servers})
			p.source.Kind, p.source.FetchedAt, p.source.Failure = fromLive, fetchedAt, nil
			p.showList(servers)
		})
	})
}

// showList swaps the rows, keeping the reader's filters and sort.
func (p *ServersPage) showList(list []pages.Server) {
	p.list = list
	p.apply(p.filter)
}
