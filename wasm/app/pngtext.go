package app

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// The PNG export carries the demo's link in a tEXt chunk (PNG 1.2, §11.3.4.3)
// right after the header, so a picture pasted into slides leads back to the
// exact demo: `pngcheck -t`, exiftool or any PNG reader shows it.

// PNGLinkKeyword is the tEXt keyword of the link.
const PNGLinkKeyword = "Propagate link"

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// withPNGText returns the PNG data with a tEXt chunk keyword=text inserted
// after IHDR. keyword and text must be Latin-1 without NUL (a link is ASCII).
func withPNGText(data []byte, keyword, text string) ([]byte, error) {
	if !bytes.HasPrefix(data, pngSignature) || len(data) < len(pngSignature)+8 {
		return nil, errors.New("png: not a PNG")
	}
	if len(keyword) == 0 || len(keyword) > 79 || !latin1NoNUL(keyword) || !latin1NoNUL(text) {
		return nil, fmt.Errorf("png: tEXt %q: keyword of 1 to 79 bytes and Latin-1 text without NUL wanted", keyword)
	}
	ihdrLen := binary.BigEndian.Uint32(data[len(pngSignature):])
	if string(data[len(pngSignature)+4:len(pngSignature)+8]) != "IHDR" || ihdrLen != 13 {
		return nil, errors.New("png: the first chunk is not IHDR")
	}
	at := len(pngSignature) + 8 + 13 + 4 // signature, IHDR's length and type, its data, its CRC
	if len(data) < at {
		return nil, errors.New("png: truncated IHDR")
	}
	body := append(append([]byte(keyword), 0), text...)
	chunk := make([]byte, 0, len(body)+12)
	chunk = binary.BigEndian.AppendUint32(chunk, uint32(len(body)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:])) // over type and data
	out := make([]byte, 0, len(data)+len(chunk))
	out = append(out, data[:at]...)
	out = append(out, chunk...)
	return append(out, data[at:]...), nil
}

// latin1NoNUL reports whether s, read as bytes, holds no NUL and no
// control character but newline (what tEXt allows).
func latin1NoNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0 {
			return false
		}
	}
	return true
}
