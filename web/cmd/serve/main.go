// Command serve serves the Propagate bundle built by make dist:
//
//	go run ./web/cmd/serve -dir dist -addr 127.0.0.1:8080
//
// It binds to loopback unless told otherwise and stops cleanly on Ctrl-C
// or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"propagate/web/server"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "host:port to listen on; loopback keeps the page on this machine")
	dir := flag.String("dir", "dist", "the bundle to serve (make dist writes it)")
	flag.Parse()
	if err := run(*addr, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

func run(addr, dir string) error {
	bundle, closer, err := server.OpenBundle(dir)
	if err != nil {
		return err
	}
	defer closer.Close()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%w (is another server on that port? choose one with -addr, or make run ADDR=127.0.0.1:8081)", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Printf("Propagate is at http://%s/  (serving %s; Ctrl-C stops)\n", displayAddr(ln.Addr()), dir)
	if err := server.Serve(ctx, ln, server.New(bundle)); err != nil {
		return err
	}
	fmt.Println("stopped")
	return nil
}

// displayAddr is an address a browser can open: a wildcard listen address
// becomes 127.0.0.1, which reaches it from this machine.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}
