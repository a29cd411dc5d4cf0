//go:build !js

package matrix

// browserOffline is only meaningful in a browser; natively, offline devices
// show up as ENETUNREACH or failed DNS lookups, which classify handles.
func browserOffline() bool { return false }
