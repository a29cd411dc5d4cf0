package site

import "strings"

// hostHeaders is the _headers file for static hosts that read one (Netlify,
// Cloudflare Pages). It repeats what the Go server sends: exact content
// types, no-cache on everything whose URL is not versioned (go-app's service
// worker keeps the offline copy and rolls it over by version), and the
// security headers (security_headers.go) with the site's policy.
func hostHeaders(policy string) string {
	var b strings.Builder
	b.WriteString(`# Response headers for Hello Matrix, for static hosts that read _headers
# (Netlify, Cloudflare Pages). Paths are relative to the folder holding this
# file. Elsewhere, configure the same by hand.
#
# Nothing here has a versioned URL, so everything is revalidated (no-cache);
# go-app's service worker keeps the offline copy and replaces it whenever
# the site version changes.
#
# app.wasm is large: serve it compressed. Every big text file and app.wasm
# has .br and .gz twins made at export time; hosts that can pick a twin by
# Accept-Encoding (nginx brotli_static/gzip_static, Caddy precompressed)
# should send it with Content-Encoding and "Vary: Accept-Encoding".
# app.wasm must keep Content-Type: application/wasm either way.

/*
`)
	h := securityHeaders(policy)
	for _, name := range securityHeaderNames {
		b.WriteString("  " + name + ": " + h[name] + "\n")
	}
	b.WriteString("  Cache-Control: no-cache\n\n")
	for _, f := range []struct{ path, contentType string }{
		{"/web/app.wasm", contentTypes[".wasm"]},
		{"/wasm_exec.js", contentTypes[".js"]},
		{"/app.js", contentTypes[".js"]},
		{"/app-worker.js", contentTypes[".js"]},
		{"/manifest.webmanifest", contentTypes[".webmanifest"]},
		{"/*/manifest.webmanifest", contentTypes[".webmanifest"]},
	} {
		b.WriteString(f.path + "\n  Content-Type: " + f.contentType + "\n\n")
	}
	return b.String()
}
