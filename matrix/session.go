package matrix

import "maunium.net/go/mautrix/id"

// Session is everything needed to act as a signed-in user. It serialises to
// JSON for storage (localStorage in the browser, a file or memory natively).
// It holds an access token: never put it in a URL, a log line or prerendered
// HTML.
type Session struct {
	HomeserverURL string      `json:"homeserver_url"`
	UserID        id.UserID   `json:"user_id"`
	DeviceID      id.DeviceID `json:"device_id"`
	AccessToken   string      `json:"access_token"`
}
