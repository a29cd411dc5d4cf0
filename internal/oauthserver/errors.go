package oauthserver

import (
	"encoding/json"
	"net/http"
)

// oauthError writes an RFC 6749 §5.2 error answer (also the shape of RFC
// 7591 §3.2.2 and RFC 7009 §2.2.1): {"error", "error_description"}.
func oauthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}

// writeJSON answers with v as JSON, never cached (RFC 6749 §5.1 asks
// no-store of anything carrying tokens; the rest costs nothing to exclude).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
