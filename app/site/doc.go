// Package site is the server side of Hello Matrix: the HTTP handler that
// serves the guide (pages prerendered by go-app with the guide's
// components, go-app's scripts with the WASM compiled in a worker, the
// toolchain's wasm_exec.js, app.wasm from its precompressed copies, the
// manifest with a maskable icon, security and caching headers, robots.txt
// and a real 404), the static export that writes the same site as files for
// any host, the practice homeserver `serve -sandbox` starts, and the command
// line (`app serve`, `app static`) that package main hands over to.
//
// It runs natively only: the WASM never imports it, so it needs no build
// tags. What it needs to know about the guide itself (its routes, name,
// description and head script) comes in through Config; the components it
// prerenders are whatever package main registered with go-app.
package site
