package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestCompressFileRoundTrips(t *testing.T) {
	name := filepath.Join(t.TempDir(), "main.wasm")
	want := bytes.Repeat([]byte("\x00asm propagate "), 1000)
	if err := os.WriteFile(name, want, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := compressFile(name, 5); err != nil {
		t.Fatal(err)
	}
	readers := map[string]func(io.Reader) (io.Reader, error){
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	for suffix, open := range readers {
		f, err := os.Open(name + suffix)
		if err != nil {
			t.Fatal(err)
		}
		r, err := open(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", suffix, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s does not decompress to the original", suffix)
		}
		info, _ := os.Stat(name + suffix)
		if info.Size() >= int64(len(want)) {
			t.Errorf("%s is %d bytes, not smaller than the original %d", suffix, info.Size(), len(want))
		}
	}
	// No temporary files left behind.
	entries, _ := os.ReadDir(filepath.Dir(name))
	if len(entries) != 3 {
		t.Errorf("the folder holds %d files, want main.wasm, .gz and .br", len(entries))
	}
}
