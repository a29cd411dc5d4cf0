package ui

import (
	"strings"
)

// htmlEscaper is what html.EscapeString does. Importing package html would
// bring its table of every HTML entity into the WASM (65 KB), kept by its
// initialisation although only unescaping uses it.
var HtmlEscaper = strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
