package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const secret = "SECRET-OUTSIDE-THE-BUNDLE"

// newBundle writes a small bundle into a temporary directory, next to a
// secret file that no request may reach, and returns the bundle's handler.
func newBundle(t *testing.T) (http.Handler, string) {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "dist")
	files := map[string]string{
		"index.html":   "<!doctype html><title>Propagate</title>",
		"loader.js":    "console.log('hi')",
		"style.css":    "body{}",
		"main.wasm":    "\x00asm-identity",
		"main.wasm.gz": gzipString(t, "\x00asm-identity"),
		"main.wasm.br": "brotli-bytes",
		".hidden":      "hidden",
		"sub/page.txt": "in a subfolder",
	}
	// One modification time for every file: written in map order, a
	// main.wasm written after its .br would make the variant look stale.
	built := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, built, built); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(top, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	// A symbolic link inside the bundle that points outside it.
	if err := os.Symlink(filepath.Join(top, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	fsys, closer, err := OpenBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closer.Close() })
	return New(fsys), dir
}

func gzipString(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func get(h http.Handler, target string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestContentTypesAndCaching(t *testing.T) {
	h, _ := newBundle(t)
	tests := []struct {
		target, contentType, cacheControl string
	}{
		{"/", "text/html; charset=utf-8", "no-store"},
		{"/index.html", "text/html; charset=utf-8", "no-store"},
		{"/loader.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/style.css", "text/css; charset=utf-8", "no-cache"},
		{"/main.wasm", "application/wasm", "no-cache"},
	}
	for _, tt := range tests {
		rec := get(h, tt.target, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", tt.target, rec.Code)
			continue
		}
		if got := rec.Header().Get("Content-Type"); got != tt.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.target, got, tt.contentType)
		}
		if got := rec.Header().Get("Cache-Control"); got != tt.cacheControl {
			t.Errorf("GET %s: Cache-Control %q, want %q", tt.target, got, tt.cacheControl)
		}
		if rec.Header().Get("ETag") == "" || rec.Header().Get("Last-Modified") == "" {
			t.Errorf("GET %s: no ETag or Last-Modified to revalidate with", tt.target)
		}
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h, _ := newBundle(t)
	for _, target := range []string{"/", "/main.wasm", "/missing", "/../secret.txt"} {
		rec := get(h, target, nil)
		if got := rec.Header().Get("Content-Security-Policy"); got != ContentSecurityPolicy {
			t.Errorf("GET %s: CSP %q, want %q", target, got, ContentSecurityPolicy)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", target, got)
		}
	}
}

func TestPrecompressed(t *testing.T) {
	h, _ := newBundle(t)
	tests := []struct {
		acceptEncoding, wantEncoding, wantBody string
	}{
		{"gzip, deflate, br, zstd", "br", "brotli-bytes"},
		{"gzip", "gzip", gzipString(t, "\x00asm-identity")},
		{"br;q=0, gzip;q=0.5", "gzip", gzipString(t, "\x00asm-identity")},
		{"BR", "br", "brotli-bytes"},
		{"", "", "\x00asm-identity"},
		{"identity", "", "\x00asm-identity"},
		{"gzip;q=0", "", "\x00asm-identity"},
	}
	for _, tt := range tests {
		rec := get(h, "/main.wasm", map[string]string{"Accept-Encoding": tt.acceptEncoding})
		if got := rec.Header().Get("Content-Encoding"); got != tt.wantEncoding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.acceptEncoding, got, tt.wantEncoding)
		}
		if got := rec.Body.String(); got != tt.wantBody {
			t.Errorf("Accept-Encoding %q: body %q, want %q", tt.acceptEncoding, got, tt.wantBody)
		}
		if got := rec.Header().Get("Content-Type"); got != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Content-Type %q, want application/wasm", tt.acceptEncoding, got)
		}
		if got := rec.Header().Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Vary %q, want Accept-Encoding", tt.acceptEncoding, got)
		}
		if got := rec.Header().Get(UncompressedLengthHeader); got != strconv.Itoa(len("\x00asm-identity")) {
			t.Errorf("Accept-Encoding %q: %s %q, want the identity size", tt.acceptEncoding, UncompressedLengthHeader, got)
		}
	}
	// A file with no variants does not vary.
	if got := get(h, "/loader.js", map[string]string{"Accept-Encoding": "br"}).Header().Get("Vary"); got != "" {
		t.Errorf("loader.js: Vary %q, want none", got)
	}
}

func TestStaleVariantIsIgnored(t *testing.T) {
	h, dir := newBundle(t)
	// main.wasm rebuilt after main.wasm.br was written.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "main.wasm"), later, later); err != nil {
		t.Fatal(err)
	}
	rec := get(h, "/main.wasm", map[string]string{"Accept-Encoding": "br, gzip"})
	if got := rec.Header().Get("Content-Encoding"); got != "" {
		t.Errorf("Content-Encoding %q for a stale variant, want the fresh identity file", got)
	}
	if got := rec.Body.String(); got != "\x00asm-identity" {
		t.Errorf("body %q, want the identity file", got)
	}
}

func TestRevalidationGives304(t *testing.T) {
	h, _ := newBundle(t)
	first := get(h, "/main.wasm", map[string]string{"Accept-Encoding": "br"})
	tag := first.Header().Get("ETag")
	again := get(h, "/main.wasm", map[string]string{"Accept-Encoding": "br", "If-None-Match": tag})
	if again.Code != http.StatusNotModified {
		t.Errorf("revalidating with the ETag: status %d, want 304", again.Code)
	}
	// Each encoding has its own tag, so a cache never mixes them up.
	plain := get(h, "/main.wasm", nil).Header().Get("ETag")
	if plain == tag {
		t.Errorf("identity and br share the ETag %s", tag)
	}
}

func TestRefusesPathsOutsideTheBundle(t *testing.T) {
	h, _ := newBundle(t)
	targets := []string{
		"/../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/..%2fsecret.txt",
		"/..%2Fsecret.txt",
		"/sub/../../secret.txt",
		"/sub/%2e%2e/%2e%2e/secret.txt",
		"/..\\secret.txt",
		"/..%5csecret.txt",
		"/sub\\..\\..\\secret.txt",
		"//secret.txt",
		"//" + "etc/passwd",
		"/C:/secret.txt",
		"/index.html%00",
		"/./index.html",
		"/.hidden",
		"/link.txt", // a symbolic link to the secret
	}
	for _, target := range targets {
		rec := get(h, target, nil)
		if rec.Code == http.StatusOK {
			t.Errorf("GET %s: status 200, want a refusal", target)
		}
		if strings.Contains(rec.Body.String(), secret) {
			t.Errorf("GET %s: leaked the secret", target)
		}
	}
}

// TestRefusesRawRequestLines sends request lines byte for byte over TCP, so
// no client library cleans the path first.
func TestRefusesRawRequestLines(t *testing.T) {
	h, dir := newBundle(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, target := range []string{
		"/../secret.txt",
		"/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/..\\secret.txt",
		filepath.Join(filepath.Dir(dir), "secret.txt"), // absolute path on disk
		"http://example.com/../secret.txt",             // absolute-form target
	} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			conn.Close()
			t.Fatalf("GET %s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode == http.StatusOK || bytes.Contains(body, []byte(secret)) {
			t.Errorf("GET %s: status %d, body %q; want a refusal", target, resp.StatusCode, body)
		}
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	h, _ := newBundle(t)
	if rec := get(h, "/missing.js", nil); rec.Code != http.StatusNotFound {
		t.Errorf("missing file: status %d, want 404", rec.Code)
	}
	if rec := get(h, "/sub", nil); rec.Code != http.StatusNotFound {
		t.Errorf("directory: status %d, want 404 (no listings)", rec.Code)
	}
	if rec := get(h, "/sub/page.txt", nil); rec.Code != http.StatusOK {
		t.Errorf("file in a subfolder: status %d, want 200", rec.Code)
	}
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", rec.Code)
	}
}

func TestOpenBundleNeedsIndex(t *testing.T) {
	if _, _, err := OpenBundle(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make dist") {
		t.Errorf("OpenBundle(empty dir) error = %v, want one that says to run make dist", err)
	}
}

func TestServeShutsDownWhenCancelled(t *testing.T) {
	h, _ := newBundle(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v after a clean shutdown, want nil", err)
		}
	case <-time.After(shutdownGrace + time.Second):
		t.Fatal("Serve did not return after the context was cancelled")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}
