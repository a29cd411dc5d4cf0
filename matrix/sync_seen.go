package matrix

import (
	"sync"

	"maunium.net/go/mautrix/id"
)

// seenLimit is how many event IDs a client remembers having handed to a
// SyncHandler: far more than one sync or one filled gap carries.
const seenLimit = 1000

// seenEvents remembers the IDs of the latest events Sync delivered, so that
// an event the server sends twice (a gap fetch whose range the server
// bounds loosely, a position reset after refusals) reaches the handler once.
type seenEvents struct {
	mu    sync.Mutex
	ids   map[id.EventID]bool
	order []id.EventID // ring buffer of ids, oldest at next
	next  int
}

func (s *seenEvents) has(e id.EventID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[e]
}

// add records e and reports whether it was new.
func (s *seenEvents) add(e id.EventID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids[e] {
		return false
	}
	if s.ids == nil {
		s.ids = map[id.EventID]bool{}
	}
	if len(s.order) < seenLimit {
		s.order = append(s.order, e)
	} else {
		delete(s.ids, s.order[s.next])
		s.order[s.next] = e
		s.next = (s.next + 1) % seenLimit
	}
	s.ids[e] = true
	return true
}
