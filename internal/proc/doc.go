// Package proc holds the two operating-system calls the harnesses and build
// tools share: starting a program in a process group of its own (so one
// signal ends it and whatever it spawned) and an exclusive lock on a file
// (so test binaries running in parallel build or install a thing once).
//
// It runs on the build and test side, natively. It also compiles for
// js/wasm, where both calls report errors.ErrUnsupported, so that packages
// importing it (and those importing them, such as app/site) need no build
// tags for `GOOS=js GOARCH=wasm go build ./...` and gopls to pass; nothing in
// the browser calls it.
package proc
