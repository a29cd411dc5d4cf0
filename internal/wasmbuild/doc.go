// Package wasmbuild builds web/app.wasm and its companions, for `make wasm`
// (through cmd/wasm-build) and for tests that need the real app behind the
// real server or in a real browser. Ensure rebuilds only when the WASM is
// missing or older than the sources it is made from, so after `make wasm` it
// costs nothing. It runs natively on the build side.
package wasmbuild
