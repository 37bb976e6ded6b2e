package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// serveWith serves bundle under lim on a fresh port until the test ends.
func serveWith(t *testing.T, h http.Handler, lim Limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeWith(ctx, ln, h, lim) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// Connections beyond the cap wait until one closes: two clients that
// connect and send nothing cannot be joined by a third until one leaves.
func TestServeCapsConnections(t *testing.T) {
	h, _ := newBundle(t)
	addr := serveWith(t, h, Limits{ReadHeader: time.Minute, Write: time.Minute, Idle: time.Minute, Conns: 2})
	var idle []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	client := &http.Client{Timeout: 300 * time.Millisecond}
	if resp, err := client.Get("http://" + addr + "/"); err == nil {
		resp.Body.Close()
		t.Fatal("a third connection was served while two held the cap")
	}
	idle[0].Close()
	client.Timeout = 10 * time.Second
	resp, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("after one left: %v", err)
	}
	resp.Body.Close()
}

// A client that stops reading is cut off after the write timeout instead
// of holding its connection.
func TestServeTimesOutSlowReaders(t *testing.T) {
	big := strings.Repeat("x", 64<<20) // more than any socket buffers
	h := New(fstest.MapFS{"index.html": {Data: []byte(big), ModTime: time.Now()}})
	addr := serveWith(t, h, Limits{ReadHeader: time.Second, Write: 300 * time.Millisecond, Idle: 300 * time.Millisecond, Conns: 8})

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	time.Sleep(time.Second) // the server's write deadline passes meanwhile: this is the slow reader
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	n, _ := io.Copy(io.Discard, c)
	if n >= int64(len(big)) {
		t.Errorf("a reader that stalled got all %d bytes: no write timeout", n)
	}

}

// index.html carries the same policy as the header, so a host that does
// not send it still applies it.
func TestIndexHTMLHasTheHeadersPolicy(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("..", "static", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindSubmatch(html)
	if m == nil {
		t.Fatal("index.html has no Content-Security-Policy meta")
	}
	if string(m[1]) != ContentSecurityPolicy {
		t.Errorf("meta policy %q, header %q", m[1], ContentSecurityPolicy)
	}
	if i, j := strings.Index(string(html), "http-equiv=\"Content-Security-Policy\""), strings.Index(string(html), "<script"); i < 0 || j < i {
		t.Error("the policy must come before the first script")
	}
}
