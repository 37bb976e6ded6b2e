package app

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"testing"

	"propagate/engine"
)

type pngChunk struct {
	typ  string
	data []byte
}

// pngChunks decodes a PNG's chunks, checking every length and CRC.
func pngChunks(t *testing.T, data []byte) []pngChunk {
	t.Helper()
	if !bytes.HasPrefix(data, pngSignature) {
		t.Fatal("no PNG signature")
	}
	var out []pngChunk
	for rest := data[len(pngSignature):]; len(rest) > 0; {
		if len(rest) < 12 {
			t.Fatalf("%d stray bytes at the end", len(rest))
		}
		n := int(binary.BigEndian.Uint32(rest))
		if len(rest) < 12+n {
			t.Fatalf("chunk %q of %d bytes runs past the end", rest[4:8], n)
		}
		typ, body := string(rest[4:8]), rest[8:8+n]
		if crc := binary.BigEndian.Uint32(rest[8+n:]); crc != crc32.ChecksumIEEE(rest[4:8+n]) {
			t.Fatalf("chunk %s: bad CRC", typ)
		}
		out = append(out, pngChunk{typ, body})
		rest = rest[12+n:]
	}
	return out
}

func TestPNGLinkText(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 7, 5))
	img.Set(3, 2, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	c := engine.DefaultConfig()
	c.Dataset, c.Points = engine.CustomDataset, []engine.Point{{X: 1, Y: 2, Label: 1}, {X: -1.5, Y: 0, Label: -1}}
	link := c.Link()
	out, err := withPNGText(buf.Bytes(), PNGLinkKeyword, link)
	if err != nil {
		t.Fatal(err)
	}
	chunks := pngChunks(t, out)
	if chunks[0].typ != "IHDR" || chunks[1].typ != "tEXt" || chunks[len(chunks)-1].typ != "IEND" {
		t.Fatalf("chunk order %v", chunks)
	}
	keyword, text, found := bytes.Cut(chunks[1].data, []byte{0})
	if !found || string(keyword) != PNGLinkKeyword || string(text) != link {
		t.Fatalf("tEXt holds %q = %q; want %q = %q", keyword, text, PNGLinkKeyword, link)
	}
	// The link in the picture gives the same demo.
	if got, w := engine.DecodeLink(string(text)); len(w) != 0 || got.Link() != link {
		t.Errorf("the picture's link decodes to %s (%q)", got.Link(), w)
	}
	// Still a PNG of the same pixels.
	back, err := png.Decode(bytes.NewReader(out))
	if err != nil || back.Bounds() != img.Bounds() || color.RGBAModel.Convert(back.At(3, 2)) != img.At(3, 2) {
		t.Errorf("decoding the PNG with its text: %v", err)
	}

	for _, bad := range [][]byte{nil, []byte("GIF89a"), pngSignature} {
		if _, err := withPNGText(bad, PNGLinkKeyword, link); err == nil {
			t.Errorf("withPNGText(%q) accepted it", bad)
		}
	}
	if _, err := withPNGText(buf.Bytes(), PNGLinkKeyword, "a\x00b"); err == nil {
		t.Error("a NUL in the text was accepted")
	}
}
