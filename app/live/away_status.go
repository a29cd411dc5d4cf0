package live

import "sync"

// awayStatus holds how a sign-in that came back from another site is
// going (single sign-on, OAuth 2.0), for the widgets to show. The model
// that holds it tells them to render again once it is set (setSSO,
// setOAuth).
type awayStatus[T any] struct {
	mu sync.Mutex
	v  T
}

func (a *awayStatus[T]) get() T {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.v
}

func (a *awayStatus[T]) set(v T) {
	a.mu.Lock()
	a.v = v
	a.mu.Unlock()
}
