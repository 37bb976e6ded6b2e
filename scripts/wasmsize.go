//go:build ignore

// wasmsize prints what takes space in a Go wasm binary, summed by package.
// go tool nm does not read wasm, so this reads the module itself: each Go
// function is one wasm function, named in the "name" section (present
// unless the build strips it with -ldflags=-s); its body size in the code
// section is what it costs. Data (strings, type descriptors, tables) is one
// set of segments in Go's wasm and is reported as a whole.
//
//	go run scripts/wasmsize.go [-top N] FILE.wasm
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

func main() {
	top := flag.Int("top", 30, "how many packages and modules to list")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/wasmsize.go [-top N] FILE.wasm")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err == nil {
		err = report(data, *top)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

type reader struct{ b []byte }

func (r *reader) uleb() (uint64, error) {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if len(r.b) == 0 {
			return 0, errors.New("truncated LEB128")
		}
		c := r.b[0]
		r.b = r.b[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errors.New("LEB128 too long")
}

func (r *reader) bytes(n uint64) ([]byte, error) {
	if n > uint64(len(r.b)) {
		return nil, errors.New("truncated section")
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b, nil
}

func report(data []byte, top int) error {
	if len(data) < 8 || !bytes.Equal(data[:4], []byte("\x00asm")) {
		return errors.New("not a wasm module")
	}
	r := &reader{data[8:]}
	var imports uint64
	var bodies []int
	names := map[uint64]string{}
	dataBytes, other := 0, 0
	for len(r.b) > 0 {
		id := r.b[0]
		r.b = r.b[1:]
		n, err := r.uleb()
		if err != nil {
			return err
		}
		body, err := r.bytes(n)
		if err != nil {
			return err
		}
		s := &reader{body}
		switch id {
		case 2: // imports: functions among them take the first indices
			count, _ := s.uleb()
			for i := uint64(0); i < count; i++ {
				for range 2 { // module, field
					l, _ := s.uleb()
					s.bytes(l)
				}
				kind := s.b[0]
				s.b = s.b[1:]
				switch kind {
				case 0:
					imports++
					s.uleb()
				case 1: // table: elemtype, limits
					s.b = s.b[1:]
					fallthrough
				case 2: // memory: limits
					flags, _ := s.uleb()
					s.uleb()
					if flags&1 != 0 {
						s.uleb()
					}
				case 3: // global: type, mut
					s.b = s.b[2:]
				}
			}
			other += len(body)
		case 10: // code
			count, _ := s.uleb()
			for i := uint64(0); i < count; i++ {
				l, err := s.uleb()
				if err != nil {
					return err
				}
				s.bytes(l)
				bodies = append(bodies, int(l))
			}
		case 11:
			dataBytes += len(body)
		case 0:
			l, _ := s.uleb()
			name, _ := s.bytes(l)
			if string(name) != "name" {
				other += len(body)
				break
			}
			for len(s.b) > 0 {
				sub := s.b[0]
				s.b = s.b[1:]
				sl, _ := s.uleb()
				sb, err := s.bytes(sl)
				if err != nil {
					return err
				}
				if sub != 1 {
					continue
				}
				ss := &reader{sb}
				count, _ := ss.uleb()
				for i := uint64(0); i < count; i++ {
					idx, _ := ss.uleb()
					nl, _ := ss.uleb()
					nm, _ := ss.bytes(nl)
					names[idx] = string(nm)
				}
			}
		default:
			other += len(body)
		}
	}
	if len(names) == 0 {
		return errors.New("no function names: build without -ldflags=-s")
	}
	byPkg := map[string]int{}
	code := 0
	for i, size := range bodies {
		byPkg[pkgOf(names[imports+uint64(i)])] += size
		code += size
	}
	byMod := map[string]int{}
	for p, s := range byPkg {
		byMod[moduleOf(p)] += s
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "file %.2f MB: code %.2f MB (%d functions), data %.2f MB, other sections %.2f MB\n\n",
		float64(len(data))/1e6, float64(code)/1e6, len(bodies), float64(dataBytes)/1e6, float64(len(data)-code-dataBytes)/1e6)
	table(w, "code by module (std: first path element)", byMod, top)
	fmt.Fprintln(w)
	table(w, "code by package", byPkg, top)
	return nil
}

func table(w *bufio.Writer, title string, m map[string]int, top int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	fmt.Fprintf(w, "%-56s %8s\n", title, "KB")
	for i, k := range keys {
		if i == top {
			break
		}
		fmt.Fprintf(w, "%-56s %8.1f\n", k, float64(m[k])/1e3)
	}
}

// pkgOf is the import path of a Go function's wasm name. The linker writes
// '/' and the punctuation of method receivers as '_' ("gonum.org_v1_gonum_mat.__Dense_.Mul"
// is gonum.org/v1/gonum/mat.(*Dense).Mul), so the path ends at the first dot
// after a leading domain ("gonum.org_"); '_' in it is read back as '/'.
// Equality and hash functions of a type (type_.eq.T) count for T's package.
func pkgOf(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	for _, p := range []string{"type_.eq.", "type_.hash.", "type_."} {
		name = strings.TrimPrefix(name, p)
	}
	name = strings.TrimLeft(name, "_")
	start := 0
	if m := domain.FindString(name); m != "" {
		start = len(m)
	}
	if dot := strings.IndexByte(name[start:], '.'); dot >= 0 {
		name = name[:start+dot]
	}
	return strings.ReplaceAll(name, "_", "/")
}

// domain matches a module path's host as the linker writes it.
var domain = regexp.MustCompile(`^[a-z0-9-]+\.[a-z]+_`)

// moduleOf groups a package path: domain paths by their first three
// elements (gonum.org/v1/gonum, github.com/hajimehoshi/ebiten), the rest
// (std, this module) by the first element.
func moduleOf(p string) string {
	e := strings.Split(p, "/")
	if e[0] == "propagate" && len(e) >= 2 {
		return "propagate/" + e[1]
	}
	if strings.Contains(e[0], ".") && len(e) >= 3 {
		return strings.Join(e[:3], "/")
	}
	return e[0]
}
