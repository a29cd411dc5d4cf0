package site

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func serveCommand(cfg Config, args []string) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := flags.String("addr", "127.0.0.1:8000", "address to listen on")
	public := flags.Bool("public", false, "allow listening on an address other machines can reach")
	webDir := flags.String("web", "web", "folder with app.wasm, app.css and the icons")
	sandboxAddr := flags.String("sandbox", "", "also start a local practice homeserver on this loopback address (e.g. 127.0.0.1:8008)")
	sandboxInfo := flags.String("sandbox-info", "", "offer a practice homeserver that is already running, described by this JSON file (sandbox.WriteInfo; used by the browser tests)")
	flags.StringVar(&cfg.ServersFeed, "servers-feed", cfg.serversFeed(), `where the directory reads today's list of servers (https, http on loopback, or "off")`)
	flags.StringVar(&releaseVersion, "version", releaseVersion, "version that keys the offline cache (default: a digest of the files)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if err := checkServersFeed(cfg.ServersFeed); err != nil {
		return err
	}
	if err := checkListenAddr(*addr, *public); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*webDir, "app.wasm")); err != nil {
		fmt.Fprintf(os.Stderr, "warning: %s is missing (run make wasm): pages will show, but the app will not start in the browser\n",
			filepath.Join(*webDir, "app.wasm"))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	site := newSite(cfg, *webDir)
	if *sandboxInfo != "" {
		info, err := readSandboxInfo(*sandboxInfo)
		if err != nil {
			return err
		}
		site.sandbox = info
	}
	if *sandboxAddr != "" {
		sb, err := startSandbox(ctx, *sandboxAddr)
		if err != nil {
			return fmt.Errorf("starting the sandbox homeserver: %w", err)
		}
		defer sb.Stop()
		info := sb.Info()
		site.sandbox = &info
		printSandbox(sb)
	}

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           compressText(site),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		server.Shutdown(shutdown)
	}()

	fmt.Printf("Hello Matrix is being served at http://%s/\n", listener.Addr())
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkListenAddr keeps the development server private unless asked: it is
// meant for one person's browser, not the network.
func checkListenAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if public || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing to listen on %q: only loopback addresses (127.0.0.1, ::1, localhost) are allowed without -public", addr)
}
