package ui

// SplitsMount, embedded in a component, gives the browser its main thread
// back just before go-app builds that component (OnInit runs then). In the
// browser go-app builds a page's whole tree in one go before it replaces
// the prerendered page, which on a slow phone is a long stretch in which
// the page ignores the reader; pauses at a few large components cut it
// into short tasks. The reader sees nothing of it: the new tree is only
// shown once complete. Each pause costs a few milliseconds at most.
type SplitsMount struct{}

// OnInit pauses in the browser; the server prerenders in one go (there
// YieldToBrowser does nothing).
func (SplitsMount) OnInit() { YieldToBrowser() }
