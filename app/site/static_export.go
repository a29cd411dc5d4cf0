package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/basepath"
)

// ExportOptions configures `app static`.
type ExportOptions struct {
	OutDir string // written from scratch
	Base   string // URL path prefix, "" for the root of a host
	Origin string // optional, for og:url
	WebDir string // the repository's web/ folder
}

// exportMarker tells a folder we wrote (and may replace) from anything else.
const exportMarker = ".hello-matrix-export"

// Export writes every page package main registered, prerendered, with
// go-app's scripts, the web/ assets and precompressed copies, ready for any
// static host.
func Export(cfg Config, opts ExportOptions) (err error) {
	basepath.Set(opts.Base)
	defer basepath.Set("") // the base is process-wide; leave it as found

	if _, err := os.Stat(filepath.Join(opts.WebDir, "app.wasm")); err != nil {
		return fmt.Errorf("%s is missing: build it first with make wasm", filepath.Join(opts.WebDir, "app.wasm"))
	}
	if err := prepareOutDir(opts.OutDir); err != nil {
		return err
	}

	s := siteUnderBase(cfg, opts.WebDir)
	if err := app.GenerateStaticWebsite(opts.OutDir, s.app, cfg.NotFoundRoute); err != nil {
		return fmt.Errorf("generating pages: %w", err)
	}

	// Replace what go-app wrote with what our server sends.
	appJS, err := s.appScript()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.OutDir, "app.js"), appJS, 0o644); err != nil {
		return err
	}
	js, err := wasmExecJS(opts.WebDir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.OutDir, "wasm_exec.js"), js, 0o644); err != nil {
		return err
	}
	manifest, err := s.manifest()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.OutDir, "manifest.webmanifest"), manifest, 0o644); err != nil {
		return err
	}
	others, err := languageManifests(manifest)
	if err != nil {
		return err
	}
	for name, body := range others {
		file := filepath.Join(opts.OutDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, body, 0o644); err != nil {
			return err
		}
	}
	if err := fixExportedPages(s, opts.OutDir, opts.Origin); err != nil {
		return err
	}
	if err := s.data.write(opts.OutDir); err != nil {
		return fmt.Errorf("writing the page data files: %w", err)
	}
	if err := copyDir(opts.WebDir, filepath.Join(opts.OutDir, "web")); err != nil {
		return fmt.Errorf("copying web assets: %w", err)
	}
	// No practice server on a static host: say so in the shape the client
	// expects, instead of a 404 that browsers log as an error.
	if err := os.WriteFile(filepath.Join(opts.OutDir, "sandbox.json"), []byte(noSandboxJSON), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.OutDir, "_headers"), []byte(hostHeaders(s.policy())), 0o644); err != nil {
		return err
	}
	if err := precompressTree(opts.OutDir); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(opts.OutDir, exportMarker), []byte("written by app static\n"), 0o644)
}

// prepareOutDir empties a previous export, but will not delete a folder that
// holds anything else.
func prepareOutDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, exportMarker)); err != nil {
		return fmt.Errorf("%s is not empty and was not written by app static; choose another -out", dir)
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.MkdirAll(dir, 0o755)
}

// go-app fills og:url from the address of its temporary export server,
// which means nothing once deployed. (Its attributes come in any order.)
var (
	ogURLTag     = regexp.MustCompile(`<meta [^>]*property="og:url"[^>]*>`)
	ogURLContent = regexp.MustCompile(`content="https?://[^/"]*([^"]*)"`)
)

// fixExportedPages applies the server's fixes to every page (fixPage), and
// points og:url at the real origin (or drops it when the
// origin is unknown).
func fixExportedPages(s *site, dir, origin string) error {
	return filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(file) != ".html" {
			return err
		}
		html, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		html = s.fixPage(html, exportedRoute(dir, file), origin)
		html = ogURLTag.ReplaceAllFunc(html, func(tag []byte) []byte {
			m := ogURLContent.FindSubmatch(tag)
			if origin == "" || m == nil {
				return nil
			}
			return []byte(`<meta property="og:url" content="` + strings.TrimSuffix(origin, "/") + basepath.Join(string(m[1])) + `">`)
		})
		return os.WriteFile(file, html, 0o644)
	})
}

// copyDir copies the regular files of src into dst, skipping dotfiles.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, file)
		if strings.HasPrefix(d.Name(), ".") && rel != "." {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(file, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	// Keep the time, so a copied .br stays "not older" than its original.
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}

// exportedRoute is the route of a page go-app wrote: guide/register.html
// is /guide/register, index.html is /.
func exportedRoute(dir, file string) string {
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		return ""
	}
	route := "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".html")
	if route == "/index" {
		return "/"
	}
	return route
}
