//go:build !wasm

package pages

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// serversJSON is the directory as copied from the dated snapshot: the
// source the generator turns into servers.gen.go.
//
//go:embed servers.json
var serversJSON []byte

// Generated returns the Go files the package is built from (file name to
// content): the rendered chapters chs, and servers.json. The generator
// writes them; a test checks the files in the repo are current.
func Generated(chs []Chapter) (map[string][]byte, error) {
	if chs == nil {
		chs = []Chapter{}
	}
	var srvs []Server
	if err := json.Unmarshal(serversJSON, &srvs); err != nil {
		return nil, fmt.Errorf("servers.json: %w", err)
	}
	chapters, err := goSource("chapters/*.md", "generatedChapters", chs)
	if err != nil {
		return nil, err
	}
	servers, err := goSource("servers.json", "generatedServers", srvs)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"chapters.gen.go": chapters, "servers.gen.go": servers}, nil
}
