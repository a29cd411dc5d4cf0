package live

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"hellomatrix/matrix"
)

// Sandbox is the server's answer at /sandbox.json when `make run`
// started a practice homeserver next to the guide (see sandbox.Info).
type Sandbox struct {
	URL          string `json:"url"`
	ServerName   string `json:"server_name"`
	WelcomeAlias string `json:"welcome_alias"`
}

// SandboxLabel is how the picker offers the practice server.
func (m *Model) SandboxLabel(s Sandbox) string {
	return m.say("sandbox.label", "server", s.ServerName)
}

// fetchSandbox asks the guide's own server, at path on the page's origin,
// whether a practice server runs. Anything but a complete JSON answer
// means there is none: a static host answers 404 (or its own error page),
// and offline there is nothing.
func fetchSandbox(ctx context.Context, path string) *Sandbox {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	page := pageURL()
	if page == nil {
		return nil
	}
	u := *page
	u.Path, u.RawQuery, u.Fragment = path, "", ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil
	}
	res, err := matrix.Do(req)
	if err != nil {
		return nil
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		return nil
	}
	var info Sandbox
	if json.NewDecoder(io.LimitReader(res.Body, 4096)).Decode(&info) != nil || info.URL == "" || info.ServerName == "" {
		return nil
	}
	return &info
}
