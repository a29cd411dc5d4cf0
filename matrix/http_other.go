//go:build !js

package matrix

import "net/http"

// transport is net/http's default outside the browser.
var transport http.RoundTripper
