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
	hs, token, userID string
}

func newHostileSender(t *testing.T, p *practice) *hostileSender {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	userID, token, _, err := p.SB.HS.RegisterUser(ctx, uniqueName("mallory"), "mallory's long password", false)
	if err != nil {
		t.Fatalf("creating the hostile user: %v", err)
	}
	return &hostileSender{hs: strings.TrimRight(p.SB.HS.URL, "/"), token: token, userID: userID}
}

// try makes one client-server API request and returns its status and
// decoded answer.
func (s *hostileSender) try(t *testing.T, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var reader *bytes.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	} else {
		reader = bytes.NewReader(nil)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.hs+path, reader)
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
	var answer map[string]any
	json.NewDecoder(res.Body).Decode(&answer)
	return res.StatusCode, answer
}

// call is try that fails the test unless the request succeeds.
func (s *hostileSender) call(t *testing.T, method, path string, body any) map[string]any {
	t.Helper()
	status, answer := s.try(t, method, path, body)
	if status != http.StatusOK {
		t.Fatalf("%s %s: %d %v", method, path, status, answer)
	}
	return answer
}

func (s *hostileSender) join(t *testing.T, room string) {
	t.Helper()
	s.call(t, http.MethodPost, "/_matrix/client/v3/join/"+url.PathEscape(room), map[string]any{})
}

// sendEvent sends any room event; eventType "" is m.room.message.
func (s *hostileSender) sendEvent(t *testing.T, roomID, txn, eventType string, content map[string]any) {
	t.Helper()
	s.call(t, http.MethodPut, s.sendPath(roomID, txn, eventType), content)
}

func (s *hostileSender) sendPath(roomID, txn, eventType string) string {
	if eventType == "" {
		eventType = "m.room.message"
	}
	return fmt.Sprintf("/_matrix/client/v3/rooms/%s/send/%s/%s", url.PathEscape(roomID), url.PathEscape(eventType), url.PathEscape(txn))
}

// setDisplayName gives the sender a display name.
func (s *hostileSender) setDisplayName(t *testing.T, name string) {
	t.Helper()
	s.call(t, http.MethodPut, "/_matrix/client/v3/profile/"+url.PathEscape(s.userID)+"/displayname", map[string]any{"displayname": name})
}

// createRoom makes a private room with this name and topic and invites
// someone to it.
func (s *hostileSender) createRoom(t *testing.T, name, topic, invite string) string {
	t.Helper()
	answer := s.call(t, http.MethodPost, "/_matrix/client/v3/createRoom", map[string]any{
		"name": name, "topic": topic, "invite": []string{invite}, "preset": "private_chat",
	})
	roomID, _ := answer["room_id"].(string)
	if roomID == "" {
		t.Fatalf("createRoom answered %v", answer)
	}
	return roomID
}
