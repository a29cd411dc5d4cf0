package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"hellomatrix/internal/nodepkg"
)

// lighthouseRuns: the performance score moves by several points between
// runs (it hangs on how the app's start-up tasks fall), so the median is
// taken over five (-lighthouse-runs); the other categories do not move.
const lighthouseRuns = 5

var lighthouseCategories = []struct{ key, id string }{
	{"lighthouse_performance", "performance"},
	{"lighthouse_accessibility", "accessibility"},
	{"lighthouse_best_practices", "best-practices"},
	{"lighthouse_seo", "seo"},
}

// lighthousePages are the pages Lighthouse scores: the landing page, a
// chapter with a live box, and the server directory. Each category's key
// carries the page's name (lighthouse_performance_landing); the keys
// without a name are the chapter's, as they were before there were three.
//
// The same chapter in German and Japanese is scored once each (oneRun):
// what issue 22 asks of them, accessibility and SEO (which checks the
// hreflang alternates), does not move between runs.
var lighthousePages = []struct {
	name, path string
	oneRun     bool
}{
	{"landing", "/", false},
	{"chapter", benchChapter, false},
	{"servers", "/servers", false},
	{"chapter_de", "/de" + benchChapter, true},
	{"chapter_ja", "/ja" + benchChapter, true},
}

// measureLighthouse runs Lighthouse (pinned in internal/bench/lighthouse,
// mobile preset, which is its default) on each of lighthousePages, driving
// Debian's Chromium, and prints each category's median score out of 100
// and the median total blocking time.
func measureLighthouse(root string, site *siteServer, runs int, only string, out *report) error {
	dir := filepath.Join(root, "internal", "bench", "lighthouse")
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(len(lighthousePages)*runs)*2*time.Minute+10*time.Minute)
	defer cancel()
	if _, err := nodepkg.Ensure(ctx, dir, "lighthouse"); err != nil {
		return err
	}
	var measured []string
	for _, pg := range lighthousePages {
		if only != "" && !strings.Contains(","+only+",", ","+pg.name+",") {
			continue
		}
		measured = append(measured, pg.name+" "+pg.path)
		scores := map[string][]float64{}
		var tbt []float64
		var failing []string
		pageRuns := runs
		if pg.oneRun {
			pageRuns = 1
		}
		for i := 0; i < pageRuns; i++ {
			res, err := runLighthouse(ctx, dir, site.URL+pg.path)
			if err != nil {
				return fmt.Errorf("%s: %w", pg.path, err)
			}
			for _, c := range lighthouseCategories {
				scores[c.id] = append(scores[c.id], res.Categories[c.id].Score*100)
			}
			tbt = append(tbt, res.Audits["total-blocking-time"].NumericValue)
			if i == 0 {
				failing = res.failingAudits()
			}
		}
		for _, c := range lighthouseCategories {
			v := int64(math.Round(medianFloat(scores[c.id])))
			if pg.path == benchChapter {
				out.Int(c.key, v)
			}
			out.Int(c.key+"_"+pg.name, v)
		}
		out.Int("lighthouse_tbt_ms_"+pg.name, int64(math.Round(medianFloat(tbt))))
		out.Detail("lighthouse_performance_%s_all: %v (total blocking time ms: %v)", pg.name, scores["performance"], tbt)
		if len(failing) > 0 {
			out.Detail("lighthouse_failing_audits_%s: %s", pg.name, strings.Join(failing, ", "))
		}
	}
	out.Detail("lighthouse_runs: %d per page (mobile preset; pages %s)", runs, strings.Join(measured, ", "))
	return nil
}

type lighthouseResult struct {
	Categories map[string]struct {
		Score float64 `json:"score"`
	} `json:"categories"`
	Audits map[string]struct {
		Score        *float64 `json:"score"`
		Mode         string   `json:"scoreDisplayMode"`
		DisplayValue string   `json:"displayValue"`
		NumericValue float64  `json:"numericValue"`
	} `json:"audits"`
}

// failingAudits names the scored audits below full marks, to say where the
// points went.
func (r lighthouseResult) failingAudits() []string {
	var out []string
	for id, a := range r.Audits {
		if a.Score != nil && *a.Score < 0.9 && (a.Mode == "binary" || a.Mode == "numeric" || a.Mode == "metricSavings") {
			out = append(out, fmt.Sprintf("%s (%s)", id, strings.TrimSpace(a.DisplayValue)))
		}
	}
	sort.Strings(out)
	return out
}

func runLighthouse(ctx context.Context, dir, url string) (lighthouseResult, error) {
	tmp, err := os.MkdirTemp("", "hellomatrix-lighthouse-")
	if err != nil {
		return lighthouseResult{}, err
	}
	defer os.RemoveAll(tmp)
	report := filepath.Join(tmp, "report.json")
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "node_modules", ".bin", "lighthouse"), url,
		"--quiet", "--output=json", "--output-path="+report,
		"--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "+
			"--disable-component-update --disable-sync --no-first-run --user-data-dir="+filepath.Join(tmp, "profile"))
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromiumPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		return lighthouseResult{}, fmt.Errorf("lighthouse: %v\n%s", err, out)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return lighthouseResult{}, err
	}
	var res lighthouseResult
	return res, json.Unmarshal(b, &res)
}

func medianFloat(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}
