package engine

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeLink holds DecodeLink's promise for any input: no panic, a
// valid Config, few and short warnings, and a canonical link that decodes
// to the same Config without a warning.
func FuzzDecodeLink(f *testing.F) {
	for _, s := range []string{
		"",
		"#",
		tfpLink,
		tfpLink[:len(tfpLink)/2], // truncated mid-key
		DefaultConfig().Link(),
		"https://playground.tensorflow.org/#dataset=spiral&networkShape=8,8,8&problem=classification",
		"#v=1&rules=bp,eqprop&gamma=0.01&beta=0.1&settle=50&dataset=xor4&networkShape=2",
		"#problem=regression&regDataset=reg-gauss&outputActivation=sigmoid&loss=xent",
		"#learningRate=NaN&gamma=-Inf&beta=1e-400&noise=1e999&batchSize=-1e308",
		"#networkShape=-1,-2,0&batchSize=-10&step=-1",
		"#networkShape=" + strings.Repeat("1,", 1000),
		"#seed=日本語🙂&dataset=ünïcödé&ключ=значение",
		"#dataset=<script>alert(1)</script>&seed=%3Cscript%3E",
		"#noise=1&noise=2&noise=3&rules=chl&rules=fa",
		"#seed=" + strings.Repeat("x", 100_000),
		strings.Repeat("&a=b", 25_000),
		"#seed=%zz&x=%&y=%4&rules=%E2%9C",
		"#seed=%00%FF%C0%80",
		"#=&==&&=x&x==&%",
		"#rules=,&networkShape=,&x=&v=",
		"#changes=1200~learningRate~0.1,3000~gamma~0.2,5~seed~1,x~~,~~~",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, warnings := DecodeLink(s)
		if p := c.Validate(); len(p) != 0 {
			t.Fatalf("DecodeLink(%q) gave an invalid config: %q\n%+v", s, p, c)
		}
		if len(warnings) > maxLinkWarnings+1 {
			t.Fatalf("%d warnings", len(warnings))
		}
		for _, w := range warnings {
			// Quoted values are cut to 40 runes, each at most 10 bytes
			// escaped (\U0001f642), and the messages around them are short.
			if len(w) > 600 || !utf8.ValidString(w) {
				t.Fatalf("warning of %d bytes, valid UTF-8 %v: %q", len(w), utf8.ValidString(w), w)
			}
		}
		link := c.Link()
		again, warnings := DecodeLink(link)
		if !reflect.DeepEqual(again, c) || len(warnings) != 0 {
			t.Fatalf("DecodeLink(%q) =\n%+v\nits link %q decodes to\n%+v, %q", s, c, link, again, warnings)
		}
	})
}
