//go:build !js

package matrix

import "context"

// probeCORS is a browser-only question (see discovery_js.go); outside the
// browser there is no CORS, so nothing is ever blocked by it.
func probeCORS(ctx context.Context, u string) bool { return false }
