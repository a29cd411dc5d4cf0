// Package basepath holds the URL prefix the site lives under: "" at the root
// of a host, "/sub/path" when it is deployed as, say, a project page. It runs
// on both sides: the server and the static export set it from -base, and in
// the browser the app sets it from go-app's GOAPP_ROOT_PREFIX, which the
// handler fills from the same value. The page components link through Join,
// since go-app only prefixes /web/ resources by itself.
package basepath
