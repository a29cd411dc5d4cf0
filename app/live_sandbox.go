package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/matrix"
)

// sandboxInfo is the server's answer at /sandbox.json when `make run`
// started a practice homeserver next to the guide (see sandbox.Info).
type sandboxInfo struct {
	URL          string `json:"url"`
	ServerName   string `json:"server_name"`
	WelcomeAlias string `json:"welcome_alias"`
}

// Label is how the picker offers it.
func (s sandboxInfo) Label() string {
	return "Practice server on this computer (" + s.ServerName + ")"
}

// fetchSandboxInfo asks the guide's own server whether a practice server
// runs. Anything but a complete JSON answer means there is none: a static
// host answers 404 (or its own error page), and offline there is nothing.
func fetchSandboxInfo(ctx context.Context) *sandboxInfo {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	u := *app.Window().URL()
	u.Path, u.RawQuery, u.Fragment = sitePath("/sandbox.json"), "", ""
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
	var info sandboxInfo
	if json.NewDecoder(io.LimitReader(res.Body, 4096)).Decode(&info) != nil || info.URL == "" || info.ServerName == "" {
		return nil
	}
	return &info
}
