//go:build !wasm

package reading

import (
	"context"
)

// On the server the chapters are compiled in (pages/chapters.gen.go):
// there is nothing to load.

func LoadStartingPage() bool { return true }

func fetchChapterBody(ctx context.Context, lang, slug string) error { return nil }

func loadSearchText(ctx context.Context, lang string) error { return nil }
