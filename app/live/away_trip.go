package live

import (
	"encoding/json"
	"net/url"
	"time"

	"hellomatrix/matrix"
)

// A trip to another site to sign in (single sign-on, OAuth 2.0) loses the
// page: only storage carries what the way back needs. These are the parts
// both kinds of trip share.

// Why a trip to another page cannot be made from this browser, worded as
// "error.REASON"; the ...OrPassword ones add that a password works too
// (single sign-on, on a server that also takes one).
const (
	reasonTripNoStorage           matrix.Reason = "trip_no_storage"
	reasonTripNoStorageOrPassword matrix.Reason = "trip_no_storage_or_password"
	reasonTripNotNoted            matrix.Reason = "trip_not_noted"
	reasonTripNotNotedOrPassword  matrix.Reason = "trip_not_noted_or_password"
	reasonTripNotBrowser          matrix.Reason = "trip_not_browser"
)

// tripStorage is where a trip is noted, and the page's address to come back
// to; its error says why a trip cannot be made from this browser.
func (m *Model) tripStorage(orPassword bool) (matrix.KV, *url.URL, error) {
	m.mu.Lock()
	kv, note := m.storage.kv, m.storage.note
	m.mu.Unlock()
	if kv == nil || note != "" {
		why := reasonTripNoStorage
		if orPassword {
			why = reasonTripNoStorageOrPassword
		}
		return nil, nil, &matrix.Error{Kind: matrix.KindStorage, Reason: why}
	}
	page := pageURL()
	if page == nil {
		return nil, nil, &matrix.Error{Kind: matrix.KindUnknown, Reason: reasonTripNotBrowser}
	}
	return kv, page, nil
}

// noteTrip writes trip (as JSON) under key before the page leaves.
func noteTrip(kv matrix.KV, key string, trip any, orPassword bool) error {
	raw, _ := json.Marshal(trip)
	if err := kv.Set(key, raw); err != nil {
		why := reasonTripNotNoted
		if orPassword {
			why = reasonTripNotNotedOrPassword
		}
		return &matrix.Error{Kind: matrix.KindStorage, Reason: why, Err: err}
	}
	return nil
}

// answerInAddress reports whether the page's address carries a sign-in
// answer (is tells, from its query), and if so takes params out of the
// address bar at once, so the answer is not bookmarked, shared or kept in
// history. It returns the query as it was.
func answerInAddress(is func(url.Values) bool, params ...string) (url.Values, bool) {
	page := pageURL()
	if page == nil {
		return nil, false
	}
	q := page.Query()
	if !is(q) {
		return nil, false
	}
	clean := *page
	rest := page.Query()
	for _, p := range params {
		rest.Del(p)
	}
	clean.RawQuery = rest.Encode()
	replaceAddress(clean.String())
	return q, true
}

// readTrip reads the trip noted under key into trip, which must be fresh:
// started at most maxAge ago (and not in the future: a clock set back).
func readTrip(kv matrix.KV, key string, trip any, started func() time.Time, maxAge time.Duration) bool {
	raw, ok, _ := kv.Get(key)
	if !ok || json.Unmarshal(raw, trip) != nil {
		return false
	}
	age := time.Since(started())
	return age <= maxAge && age >= -time.Minute
}

// resumeServer makes the trip's server the chosen one again.
func (m *Model) resumeServer(server string) {
	if server != "" {
		m.mu.Lock()
		m.serverInput = server
		m.mu.Unlock()
	}
}
