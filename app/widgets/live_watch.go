package widgets

import (
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
)

// liveWatchers are the mounted components that render from the live
// client's view model (package live). A model only calls one plain func()
// after each change (Model.OnChange); this turns it into a render of each
// watcher, through its own ctx.Dispatch, on the UI goroutine. They are the
// browser's, where one model serves the whole visit (live_model_wasm.go);
// the server mounts nothing.
var liveWatchers = struct {
	sync.Mutex
	m map[app.UI]*liveWatcher
}{m: map[app.UI]*liveWatcher{}}

// liveWatcher is one watching component. queued coalesces a burst of
// changes (a sync bringing twenty messages) into one render.
type liveWatcher struct {
	ctx    app.Context
	queued bool
}

// WatchLive makes the component behind ctx render again after every change
// of m, for as long as it stays mounted, and starts m the first time
// anything watches it. Components call it from OnMount, so the prerenderer
// never starts anything.
func WatchLive(ctx app.Context, m *live.Model) {
	m.OnChange(renderLiveWatchers) // the same func each time: setting it again changes nothing
	liveWatchers.Lock()
	liveWatchers.m[ctx.Src()] = &liveWatcher{ctx: ctx}
	liveWatchers.Unlock()
	m.Start(ui.SitePath("/sandbox.json"))
}

// renderLiveWatchers asks every watcher to render. The model calls it from
// any goroutine.
func renderLiveWatchers() {
	liveWatchers.Lock()
	var due []*liveWatcher
	for src, w := range liveWatchers.m {
		if !src.Mounted() {
			delete(liveWatchers.m, src)
			continue
		}
		if !w.queued {
			w.queued = true
			due = append(due, w)
		}
	}
	liveWatchers.Unlock()
	for _, w := range due {
		w.ctx.Dispatch(func(ctx app.Context) {
			liveWatchers.Lock()
			w.queued = false
			liveWatchers.Unlock()
			if h, ok := ctx.Src().(liveChangeHandler); ok {
				h.onLiveChange(ctx)
			}
		})
	}
}

// liveChangeHandler is a watcher that wants to act (beyond rendering) when
// the live state changes, e.g. the chat keeping its newest line in view.
// onLiveChange runs on the UI goroutine, before the render.
type liveChangeHandler interface {
	onLiveChange(ctx app.Context)
}
