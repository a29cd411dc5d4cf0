//go:build !wasm

package main

import "bytes"

// go-app's viewport tag stops readers from zooming (maximum-scale=1,
// user-scalable=0), which fails people who need larger text. The page is
// built to reflow at any size, so zooming is allowed again.
var (
	lockedViewport = []byte(`content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover"`)
	openViewport   = []byte(`content="width=device-width, initial-scale=1, viewport-fit=cover"`)
)

// fixPageHead adjusts go-app's prerendered <head> for readers.
func fixPageHead(html []byte) []byte {
	return bytes.Replace(html, lockedViewport, openViewport, 1)
}
