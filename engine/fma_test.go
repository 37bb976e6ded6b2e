package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// TestNoFusedMultiplyAdd compiles the engine for the architectures where Go
// fuses x*y + z into one instruction (amd64 with GOAMD64=v3, arm64, ppc64le,
// riscv64, s390x) and fails on any fused multiply-add in the engine's
// code, naming the source line. WebAssembly never fuses, so a fused
// instruction would give the native CLI on that CPU other numbers than the
// page. The cure is an explicit conversion, s += float64(x * y), which by the
// spec rounds the product and forbids the fusion.
//
// Reading the compiler's own output is exact where a scan of the source
// would guess: it sees products that reach a sum through a variable or an
// inlined call as well. The standard library's code is not in the listing;
// detmath.go keeps the engine off the math functions that fuse, and
// cmd/learn's TestSameNumbersOnEveryCPU runs the whole program on each CPU.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("compiles the engine with the go command; the native run checks the same source")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		t.Fatalf("go command not found at %s", goTool)
	}
	for _, target := range fmaTargets {
		t.Run(target.name, func(t *testing.T) {
			lines, err := fusedLines(goTool, target.env)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range lines {
				t.Errorf("%s: fused multiply-add on %s; write the product as float64(x * y)", l, target.name)
			}
		})
	}
}

var fmaTargets = []struct {
	name string
	env  []string
}{
	{"amd64-v3", []string{"GOARCH=amd64", "GOAMD64=v3"}},
	{"arm64", []string{"GOARCH=arm64"}},
	{"ppc64le", []string{"GOARCH=ppc64le"}},
	{"riscv64", []string{"GOARCH=riscv64"}},
	{"s390x", []string{"GOARCH=s390x"}},
}

// fusedMnemonic matches the fused multiply-add instructions of every
// architecture above (VFMADD231SD, FMADDD, FNMSUBS, WFMADB, FMSUB, …).
var fusedMnemonic = regexp.MustCompile(`^(V?FN?M(ADD|SUB)\w*|W?FN?M(A|S)[DS]?B)$`)

// asmLine is a line of the compiler's listing: offset, (file:line), mnemonic.
var asmLine = regexp.MustCompile(`^\s+0x[0-9a-f]+ \d+ \(([^)]+)\)\s+(\S+)`)

// fusedLines compiles the engine package with the listing on and returns
// the source positions (file:line, relative) of its fused instructions.
func fusedLines(goTool string, env []string) ([]string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(goTool, "build", "-gcflags=-S", "-o", os.DevNull, ".")
	cmd.Env = append(append(os.Environ(), "GOOS=linux", "CGO_ENABLED=0"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build -gcflags=-S %v: %v\n%s", env, err, out.String())
	}
	seen := map[string]bool{}
	instructions := 0
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := asmLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		instructions++
		if fusedMnemonic.MatchString(m[2]) {
			pos := m[1]
			if rel, err := filepath.Rel(dir, pos); err == nil && !strings.HasPrefix(rel, "..") {
				pos = rel
			}
			seen[pos] = true
		}
	}
	if instructions == 0 {
		return nil, fmt.Errorf("no listing from go build -gcflags=-S %v (cached without output?)\n%.2000s", env, out.String())
	}
	lines := make([]string, 0, len(seen))
	for p := range seen {
		lines = append(lines, p)
	}
	sort.Strings(lines)
	return lines, nil
}
