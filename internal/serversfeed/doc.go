// Package serversfeed writes feeds in the shape of the community list of
// public homeservers (https://servers.joinmatrix.org/servers.json) from the
// directory's own data, for the tests of the directory's live refresh: the
// mapping's unit tests in pages and the browser tests that serve feeds on
// loopback. The field names and types are the real feed's, as documented in
// the project's data notes; the values are the snapshot's. It runs in tests
// only, natively.
package serversfeed
