package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// hostileSender is another Matrix user, driven over plain HTTP with its own
// token, who writes whatever the test wants into a room: an independent
// client that does not share the guide's code.
type hostileSender struct {
	hs, token string
}

func newHostileSender(t *testing.T, p *practice) *hostileSender {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, token, _, err := p.SB.HS.RegisterUser(ctx, uniqueName("mallory"), "mallory's long password", false)
	if err != nil {
		t.Fatalf("creating the hostile user: %v", err)
	}
	return &hostileSender{hs: strings.TrimRight(p.SB.HS.URL, "/"), token: token}
}

// call makes one client-server API request and fails the test unless it
// succeeds.
func (s *hostileSender) call(t *testing.T, method, path string, body any) {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.hs+path, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var answer bytes.Buffer
		answer.ReadFrom(res.Body)
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, answer.String())
	}
}

func (s *hostileSender) join(t *testing.T, room string) {
	t.Helper()
	s.call(t, http.MethodPost, "/_matrix/client/v3/join/"+url.PathEscape(room), map[string]any{})
}

// send sends an m.text message; html, when set, goes in formatted_body as
// org.matrix.custom.html, which a client rendering HTML would show.
func (s *hostileSender) send(t *testing.T, roomID, txn, body, html string) {
	t.Helper()
	content := map[string]any{"msgtype": "m.text", "body": body}
	if html != "" {
		content["format"] = "org.matrix.custom.html"
		content["formatted_body"] = html
	}
	s.call(t, http.MethodPut, fmt.Sprintf("/_matrix/client/v3/rooms/%s/send/m.room.message/%s",
		url.PathEscape(roomID), url.PathEscape(txn)), content)
}
