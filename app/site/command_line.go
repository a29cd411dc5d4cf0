package site

import (
	"fmt"
	"os"
)

const usage = `Hello Matrix: a beginner's guide to Matrix.

Usage:
  app serve  [-addr 127.0.0.1:8000] [-public] [-web web] [-sandbox 127.0.0.1:8008] [-servers-feed URL|off] [-version v]
      Serve the guide over HTTP for local use.
  app static [-out dist] [-base /sub/path] [-origin https://example.org] [-web web] [-servers-feed URL|off] [-version v]
      Write the whole guide as static files for any web host.

Run "app <command> -h" for the flags of a command.
`

// Main is the server's entry point, reading os.Args: package main calls it
// after go-app has had its chance to run in a browser. It exits the process
// on a usage error or a failed command.
func Main(cfg Config) {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "serve":
		err = serveCommand(cfg, args)
	case "static":
		err = staticCommand(cfg, args)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
