package render

import (
	"errors"
	"fmt"
	"strings"
)

// frontMatter is the metadata block at the top of a chapter file.
type frontMatter struct {
	Title       string
	Description string
}

// parseFrontMatter splits a chapter into its front matter and its Markdown
// body. The block is a tiny subset of YAML (`key: value` lines between two
// `---` lines), parsed by hand because two string fields do not justify a YAML
// dependency in the pipeline. bodyLine is the 1-based line the body starts on,
// so errors in the body can point at the right line of the file.
func parseFrontMatter(src string) (fm frontMatter, body string, bodyLine int, err error) {
	if !strings.HasPrefix(src, "---\n") {
		return fm, "", 0, errors.New("missing front matter: the file must start with a line `---`, then `title: ...` and `description: ...`, then `---`")
	}
	rest := src[len("---\n"):]
	line := 1
	seen := map[string]bool{}
	for {
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 {
			return fm, "", 0, errors.New("front matter is not closed: add a line `---` after the description")
		}
		text := rest[:nl]
		rest = rest[nl+1:]
		line++
		if text == "---" {
			break
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			return fm, "", 0, fmt.Errorf("front matter line %d: want `key: value`, got %q", line, text)
		}
		key = strings.TrimSpace(key)
		value = unquote(strings.TrimSpace(value))
		if seen[key] {
			return fm, "", 0, fmt.Errorf("front matter line %d: %s is given twice", line, key)
		}
		seen[key] = true
		switch key {
		case "title":
			fm.Title = value
		case "description":
			fm.Description = value
		default:
			// Strict on purpose: a misspelt key would otherwise silently
			// leave a field empty.
			return fm, "", 0, fmt.Errorf("front matter line %d: unknown key %q (want title or description)", line, key)
		}
	}
	if fm.Title == "" {
		return fm, "", 0, errors.New("front matter has no title")
	}
	if fm.Description == "" {
		return fm, "", 0, errors.New("front matter has no description")
	}
	return fm, rest, line + 1, nil
}

// unquote drops one pair of matching quotes, which writers used to YAML tend
// to put around values containing a colon.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
