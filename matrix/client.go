package matrix

import (
	"runtime"
	"sync"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// Client is a signed-in user on one homeserver.
type Client struct {
	api *mautrix.Client

	// The session and its tokens (refresh.go): tokMu guards session, store
	// and onSession; renewMu keeps renewals one at a time.
	tokMu     sync.Mutex
	renewMu   sync.Mutex
	session   Session
	store     SessionStore
	onSession func(Session)

	// Outgoing messages and sync position (outbox.go, client_outbox.go,
	// send.go, sync.go), created lazily so NewClient stays the only
	// constructor.
	coreMu   sync.Mutex
	out      *outbox            // nil until UseOutboxStore or the first Send
	sendSlot chan struct{}      // one send at a time keeps a room's messages in order
	filterID string             // the server-side sync filter, created once
	since    string             // sync position, so a restarted Sync does not replay
	seen     seenEvents         // events Sync delivered, so none is delivered twice
	invites  pendingInvites     // invitations Sync reported, until they end (invites.go)
	rooms    map[id.RoomID]bool // rooms Sync has dispatched, for SyncHandler.Earlier
	names    memberNames        // display names per room (member_names.go)
	roomList roomList           // the rooms' names and activity, m.direct, ignored users (room_list.go)
	retry    *retryPolicy       // nil means defaultRetry; tests shorten it

	// End-to-end encryption (crypto.go; nil until UseEncryption), guarded
	// by coreMu.
	crypto *cryptoState
}

// ReasonStoredAddress (KindBadServerName): a saved session's server
// address does not parse.
const ReasonStoredAddress Reason = "stored_address"

// NewClient builds a client for an existing session (after login,
// registration, or loading a stored session).
func NewClient(s Session) (*Client, error) {
	api, err := mautrix.NewClient(s.HomeserverURL, s.UserID, s.AccessToken)
	if err != nil {
		return nil, &Error{Kind: KindBadServerName, Reason: ReasonStoredAddress, Err: err}
	}
	api.DeviceID = s.DeviceID
	if transport != nil {
		api.Client.Transport = transport // see http_client_js.go
	}
	if runtime.GOOS == "js" {
		// mautrix's User-Agent is not CORS-safelisted: in the browser it would
		// add a preflight request to every call (see newAPI).
		api.UserAgent = ""
	}
	return &Client{api: api, session: s}, nil
}

// API exposes the underlying mautrix client for tests and rare cases the core
// does not cover yet.
func (c *Client) API() *mautrix.Client { return c.api }
