package ui

import (
	"hellomatrix/app/words"
)

// JoinAnd joins words as a sentence does, in the page's language: "a",
// "a and b", "a, b and c".
func JoinAnd(w *words.Words, items []string) string {
	return joinList(w, items, func(first, last string) string {
		return w.Say("site.list.and", "first", first, "last", last)
	})
}

// JoinOr is JoinAnd with "or".
func JoinOr(w *words.Words, items []string) string {
	return joinList(w, items, func(first, last string) string {
		return w.Say("site.list.or", "first", first, "last", last)
	})
}

// joinList joins the last two items with pair and puts each one before
// them in front with site.list.more ("{first}, {rest}").
func joinList(w *words.Words, items []string, pair func(first, last string) string) string {
	switch n := len(items); n {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		out := pair(items[n-2], items[n-1])
		for i := n - 3; i >= 0; i-- {
			out = w.Say("site.list.more", "first", items[i], "rest", out)
		}
		return out
	}
}
