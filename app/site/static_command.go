package site

import (
	"flag"
	"fmt"
	"strings"
)

func staticCommand(cfg Config, args []string) error {
	flags := flag.NewFlagSet("static", flag.ContinueOnError)
	var opts ExportOptions
	flags.StringVar(&opts.OutDir, "out", "dist", "folder to write the site into")
	flags.StringVar(&opts.Base, "base", "", "URL path the site will be served under, e.g. /hello-matrix")
	flags.StringVar(&opts.Origin, "origin", "", "public origin, e.g. https://example.org, for link previews (og:url)")
	flags.StringVar(&opts.WebDir, "web", "web", "folder with app.wasm, app.css and the icons")
	flags.StringVar(&cfg.ServersFeed, "servers-feed", cfg.serversFeed(), `where the directory reads today's list of servers (https, or "off")`)
	flags.StringVar(&releaseVersion, "version", releaseVersion, "version that keys the offline cache (default: a digest of the files)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if err := checkServersFeed(cfg.ServersFeed); err != nil {
		return err
	}
	if opts.Origin != "" && !strings.HasPrefix(opts.Origin, "https://") && !strings.HasPrefix(opts.Origin, "http://") {
		return fmt.Errorf("-origin %q must start with https:// or http://", opts.Origin)
	}
	if err := Export(cfg, opts); err != nil {
		return err
	}
	fmt.Printf("Wrote the static site to %s (serve it at %s/)\n", opts.OutDir, strings.TrimSuffix(opts.Origin, "/")+basePathOf(opts.Base))
	return nil
}

func basePathOf(base string) string {
	base = strings.Trim(base, "/")
	if base == "" {
		return ""
	}
	return "/" + base
}
