package ui

import (
	"strings"
)

// HTMLEscaper is what html.EscapeString does. Importing package html would
// bring its table of every HTML entity into the WASM (65 KB), kept by its
// initialisation although only unescaping uses it.
var HTMLEscaper = strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
