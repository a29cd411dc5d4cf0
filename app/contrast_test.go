//go:build !wasm

package main

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// themeColors reads the custom properties of one CSS block, found by the
// selector that opens it.
func themeColors(t *testing.T, css, selector string) map[string]string {
	t.Helper()
	start := strings.Index(css, selector)
	if start < 0 {
		t.Fatalf("no %q block in app.css", selector)
	}
	end := strings.Index(css[start:], "}")
	colors := map[string]string{}
	for _, m := range regexp.MustCompile(`--([\w-]+):\s*(#[0-9a-fA-F]{6})\b`).FindAllStringSubmatch(css[start:start+end], -1) {
		colors[m[1]] = strings.ToLower(m[2])
	}
	return colors
}

// relativeLuminance follows WCAG 2's definition.
func relativeLuminance(hex string) float64 {
	channel := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(1) + 0.7152*channel(3) + 0.0722*channel(5)
}

func contrast(a, b string) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// Text and links meet WCAG AA (4.5:1) in both themes, on every background
// they appear on; focus rings and field borders meet the 3:1 for non-text.
func TestThemeContrast(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(webDir, "app.css"))
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	light := themeColors(t, css, ":root {")
	darkBySystem := themeColors(t, css, `:root:not([data-theme="light"]) {`)
	darkByChoice := themeColors(t, css, `:root[data-theme="dark"] {`)

	for name, v := range darkBySystem {
		if darkByChoice[name] != v {
			t.Errorf("--%s differs between the system dark theme (%s) and the chosen one (%s)", name, v, darkByChoice[name])
		}
	}
	for _, theme := range []struct {
		name   string
		colors map[string]string
	}{{"light", light}, {"dark", darkByChoice}} {
		for _, pair := range []struct {
			fg, bg string
			min    float64
		}{
			{"text", "bg", 4.5}, {"text", "surface", 4.5}, {"text", "mark", 4.5}, {"text", "code-bg", 4.5},
			{"muted", "bg", 4.5}, {"muted", "surface", 4.5},
			{"link", "bg", 4.5}, {"link", "surface", 4.5},
			{"link-visited", "bg", 4.5}, {"link-visited", "surface", 4.5},
			{"accent-text", "accent", 4.5},
			{"error", "bg", 4.5}, {"error", "surface", 4.5}, // live client errors
			{"success", "bg", 4.5}, {"success", "surface", 4.5},
			{"focus", "bg", 3}, {"focus", "surface", 3},
			{"muted", "bg", 3},  // form field borders
			{"accent", "bg", 3}, // button and live-client outlines
		} {
			fg, bg := theme.colors[pair.fg], theme.colors[pair.bg]
			if fg == "" || bg == "" {
				t.Errorf("%s theme: --%s or --%s is not set", theme.name, pair.fg, pair.bg)
				continue
			}
			if c := contrast(fg, bg); c < pair.min {
				t.Errorf("%s theme: --%s on --%s is %.2f:1, want at least %.1f:1", theme.name, pair.fg, pair.bg, c, pair.min)
			}
		}
	}
}
