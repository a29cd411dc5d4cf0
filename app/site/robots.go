package site

import (
	"io"
	"net/http"
)

// robotsTxt lets search engines read every chapter; the guide has nothing
// to hide from them.
const robotsTxt = "User-agent: *\nAllow: /\n"

func serveRobots(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, robotsTxt)
}
