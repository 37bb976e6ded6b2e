// Package server serves the Propagate bundle (the output of make dist): the
// right MIME types, precompressed wasm when the browser accepts it, caching
// that revalidates, a Content-Security-Policy with no inline script, and no
// path outside the bundle.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// ContentSecurityPolicy allows only the bundle's own files. 'wasm-unsafe-eval'
// lets the page compile WebAssembly without allowing eval of JavaScript.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"

// UncompressedLengthHeader carries the size of the file before compression,
// so the loader can show honest progress: with Content-Encoding set,
// Content-Length counts compressed bytes while the page reads decompressed
// ones.
const UncompressedLengthHeader = "X-Uncompressed-Length"

// encodings are the precompressed variants the bundle may hold, best first.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// contentTypes are set explicitly, not read from the system's MIME tables,
// so every machine serves the same headers (some lack application/wasm).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// New returns a handler that serves the files of bundle. "/" serves
// index.html; directories are never listed.
func New(bundle fs.FS) http.Handler {
	return &handler{bundle: bundle}
}

type handler struct {
	bundle fs.FS
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := bundlePath(r.URL.Path, r.URL.EscapedPath())
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}

	info, err := fs.Stat(h.bundle, name)
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	hdr.Set("Content-Type", contentType(name))
	hdr.Set(UncompressedLengthHeader, strconv.FormatInt(info.Size(), 10))
	if name == "index.html" {
		// The page names the other files; never keep a stale one.
		hdr.Set("Cache-Control", "no-store")
	} else {
		// Keep, but ask each time (ETag / Last-Modified make that cheap),
		// so a new build is never mixed with an old one.
		hdr.Set("Cache-Control", "no-cache")
	}

	served, encoding, varies := h.pickEncoding(name, info, r.Header.Get("Accept-Encoding"))
	if varies {
		hdr.Add("Vary", "Accept-Encoding")
	}
	f, err := h.bundle.Open(served)
	if err != nil {
		http.Error(w, "cannot open file", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	servedInfo, err := f.Stat()
	if err != nil {
		http.Error(w, "cannot stat file", http.StatusInternalServerError)
		return
	}
	if encoding != "" {
		hdr.Set("Content-Encoding", encoding)
	}
	hdr.Set("ETag", etag(servedInfo, encoding))

	content, ok := f.(io.ReadSeeker)
	if !ok {
		http.Error(w, "file cannot seek", http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, servedInfo.ModTime(), content)
}

// bundlePath turns a request path into a name in the bundle, or reports
// false for anything that could reach outside it or that names a hidden
// file: "..", ".", empty segments (so "//etc/passwd"), backslashes, NUL,
// drive letters, and encoded slashes (so "..%2f" cannot hide a separator).
func bundlePath(urlPath, escapedPath string) (string, bool) {
	lower := strings.ToLower(escapedPath)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") {
		return "", false
	}
	if !strings.HasPrefix(urlPath, "/") {
		return "", false
	}
	name := urlPath[1:]
	if name == "" {
		return "index.html", true
	}
	if strings.ContainsAny(name, "\\\x00:") {
		return "", false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// pickEncoding returns the file to send for name: a precompressed variant
// the client accepts, or name itself. varies reports whether name has any
// variant, in which case caches must key on Accept-Encoding. A variant
// older than name is stale (name was rebuilt without compressing, as make
// run does) and is ignored, so a browser never gets last build's program.
func (h *handler) pickEncoding(name string, identity fs.FileInfo, acceptEncoding string) (served, encoding string, varies bool) {
	accepted := parseAcceptEncoding(acceptEncoding)
	served = name
	for _, e := range encodings {
		info, err := fs.Stat(h.bundle, name+e.suffix)
		if err != nil || !info.Mode().IsRegular() || info.ModTime().Before(identity.ModTime()) {
			continue
		}
		varies = true
		if encoding == "" && accepted[e.name] {
			served, encoding = name+e.suffix, e.name
		}
	}
	return served, encoding, varies
}

// parseAcceptEncoding returns the codings the client accepts, leaving out
// those with q=0 (RFC 9110, section 12.5.3). "*" is not expanded: browsers
// name br and gzip explicitly.
func parseAcceptEncoding(header string) map[string]bool {
	accepted := map[string]bool{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		accepted[coding] = q > 0
	}
	return accepted
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// etag names one version of one encoding of a file. Size and modification
// time change with every build, which is all a static bundle needs.
func etag(info fs.FileInfo, encoding string) string {
	tag := strconv.FormatInt(info.Size(), 36) + "-" + strconv.FormatInt(info.ModTime().UnixNano(), 36)
	if encoding != "" {
		tag += "-" + encoding
	}
	return `"` + tag + `"`
}

// OpenBundle opens dir as the bundle to serve. The returned file system is
// an os.Root, so even a symbolic link inside dir cannot lead outside it.
// Close the returned closer when done.
func OpenBundle(dir string) (fs.FS, io.Closer, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the bundle: %w", err)
	}
	fsys := root.FS()
	if _, err := fs.Stat(fsys, "index.html"); err != nil {
		root.Close()
		return nil, nil, fmt.Errorf("%s has no index.html (build it with make dist): %w", dir, err)
	}
	return fsys, root, nil
}

// shutdownGrace is how long in-flight requests get to finish on shutdown.
const shutdownGrace = 5 * time.Second

// Serve serves h on ln until ctx is done, then shuts down cleanly: it stops
// accepting, lets requests in flight finish, and returns nil. It holds every
// client to DefaultLimits.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	return ServeWith(ctx, ln, h, DefaultLimits)
}

// ServeWith is Serve with other limits.
func ServeWith(ctx context.Context, ln net.Listener, h http.Handler, lim Limits) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: lim.ReadHeader,
		WriteTimeout:      lim.Write,
		IdleTimeout:       lim.Idle,
	}
	if lim.Conns > 0 {
		ln = newLimitListener(ln, lim.Conns)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
