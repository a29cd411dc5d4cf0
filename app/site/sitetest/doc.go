// Package sitetest is what the tests of app/site and of package main share to
// look at the guide over HTTP: the real app.wasm made current, a site handler
// on a loopback port, and plain GETs that see the bytes as sent; and a run
// of one of its scripts under Node. It runs in tests only, natively.
package sitetest
