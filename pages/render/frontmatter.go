package render

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"hellomatrix/pages"
)

// frontMatter is the metadata block at the top of a chapter file.
type frontMatter struct {
	Title       string
	Description string
	Checked     string         // YYYY-MM-DD: when the page was last read against its sources
	Sources     []pages.Source // one `source:` line each, in the order written
}

// parseFrontMatter splits a chapter into its front matter and its Markdown
// body. The block is a tiny subset of YAML (`key: value` lines between two
// `---` lines), parsed by hand because two string fields do not justify a YAML
// dependency in the pipeline. `source:` is the one key that may repeat:
// `source: 2026-12-07 | https://example.org/page | What the page is`.
// bodyLine is the 1-based line the body starts on,
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
		if key == "source" {
			src, err := parseSource(value)
			if err != nil {
				return fm, "", 0, fmt.Errorf("front matter line %d: %w", line, err)
			}
			fm.Sources = append(fm.Sources, src)
			continue
		}
		if seen[key] {
			return fm, "", 0, fmt.Errorf("front matter line %d: %s is given twice", line, key)
		}
		seen[key] = true
		switch key {
		case "title":
			fm.Title = value
		case "description":
			fm.Description = value
		case "checked":
			if err := checkDate(value); err != nil {
				return fm, "", 0, fmt.Errorf("front matter line %d: checked: %w", line, err)
			}
			fm.Checked = value
		default:
			// Strict on purpose: a misspelt key would otherwise silently
			// leave a field empty.
			return fm, "", 0, fmt.Errorf("front matter line %d: unknown key %q (want title, description, checked or source)", line, key)
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

// parseSource reads one `date | URL | title` source line.
func parseSource(value string) (pages.Source, error) {
	fields := strings.Split(value, "|")
	if len(fields) != 3 {
		return pages.Source{}, fmt.Errorf("source: want `YYYY-MM-DD | https://… | title`, got %q", value)
	}
	src := pages.Source{
		Checked: strings.TrimSpace(fields[0]),
		URL:     strings.TrimSpace(fields[1]),
		Title:   strings.TrimSpace(fields[2]),
	}
	if err := checkDate(src.Checked); err != nil {
		return pages.Source{}, fmt.Errorf("source %q: %w", src.URL, err)
	}
	if u, err := url.Parse(src.URL); err != nil || u.Scheme != "https" || u.Host == "" {
		return pages.Source{}, fmt.Errorf("source %q: want an https address", src.URL)
	}
	if src.Title == "" {
		return pages.Source{}, fmt.Errorf("source %q has no title", src.URL)
	}
	return src, nil
}

// checkDate accepts a calendar date written YYYY-MM-DD.
func checkDate(s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a date written YYYY-MM-DD", s)
	}
	return nil
}
