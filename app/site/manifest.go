package site

import (
	"encoding/json"
	"fmt"

	"hellomatrix/app/basepath"
)

// withMaskableIcon adds the maskable icon to go-app's manifest, so Android
// can crop it into any shape without cutting the picture off. The field
// order of the rest of the manifest does not matter to browsers.
func withMaskableIcon(manifest []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, fmt.Errorf("reading go-app's manifest: %w", err)
	}
	icons, _ := m["icons"].([]any)
	m["icons"] = append(icons, map[string]any{
		"src":     basepath.Join(iconMaskable),
		"type":    "image/png",
		"sizes":   "512x512",
		"purpose": "maskable",
	})
	return json.MarshalIndent(m, "", "  ")
}
