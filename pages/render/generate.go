package render

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"hellomatrix/pages"
)

// DirectoryFile is the homeserver directory as copied from the dated
// snapshot, in the pages folder: the source of directory.gen.go.
const DirectoryFile = "directory.json"

// Directory reads DirectoryFile from src (the pages folder).
func Directory(src fs.FS) ([]pages.Server, error) {
	raw, err := fs.ReadFile(src, DirectoryFile)
	if err != nil {
		return nil, err
	}
	var srvs []pages.Server
	if err := json.Unmarshal(raw, &srvs); err != nil {
		return nil, fmt.Errorf("%s: %w", DirectoryFile, err)
	}
	return srvs, nil
}

// Generated returns the Go files package pages is built from (file name to
// content): the rendered chapters chs, built into the server only (the
// WASM fetches them, see pages/content.go), and the directory read from src.
// The generator writes them; a test checks the files in the repo are
// current.
func Generated(src fs.FS, chs []pages.Chapter) (map[string][]byte, error) {
	if chs == nil {
		chs = []pages.Chapter{}
	}
	srvs, err := Directory(src)
	if err != nil {
		return nil, err
	}
	chapters, err := goSource("chapters/*.md", "!wasm", "generatedChapters", chs)
	if err != nil {
		return nil, err
	}
	servers, err := goSource(DirectoryFile, "", "generatedServers", srvs)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"chapters.gen.go": chapters, "directory.gen.go": servers}, nil
}
