package matrix

// Message words err for a reader through Wording, which app/live sets to
// its message catalog: the core itself has no sentences. Only the
// verification code (verify*.go, and app/live's verify.go), which is being
// rewritten on its own, still calls it; remove it with that.
func Message(err error) string {
	if Wording == nil || err == nil {
		return ""
	}
	return Wording(err)
}

// Wording is app/live's Message, set when that package starts.
var Wording func(error) string
