// Package sitetest is what the tests of app/site and of the guide's other packages
// share to look at the guide over HTTP: the real app.wasm made current, a site handler
// on a loopback port, and plain GETs that see the bytes as sent; and a run
// of one of its scripts under Node; and the start tags of a page
// (htmltags.go), which go-app writes with their attributes in map order. It runs in tests only, natively.
package sitetest
