// Package icongen draws Hello Matrix's icons: web/icon.svg by hand-written
// markup and the PNGs (192, 512, and a maskable 512) by rasterising the same
// shapes, so the PWA never needs an icon from anywhere else. It runs at
// build time only, on the developer's machine (cmd/icongen):
//
//	go run ./internal/icongen/cmd/icongen -out web
//
// The picture is a speech bubble with three dots, the "someone is typing"
// sign: a chat guide's icon that reads at favicon size.
package icongen
