package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"propagate/engine"
)

// The same link gives the same numbers on every CPU and in the browser. Go
// may fuse x*y + z into one FMA instruction on amd64 with GOAMD64=v3, on
// arm64 (every Apple Silicon Mac), ppc64 and riscv64, rounding once where
// WebAssembly rounds twice; the engine writes every product that is summed
// as float64(x*y), which forbids the fusion (TestNoFusableMultiplyAdd holds
// the engine to that). This test builds learn four ways — amd64 v1, amd64 v3
// (FMA), arm64 (run under qemu-aarch64-static) and wasm (run under node) —
// and requires byte-identical JSON from all four on links that exercise
// every rule.
//
// It runs where make test runs it (PROPAGATE_CROSS=1, which also makes a
// missing qemu or node a failure) and on CI; elsewhere it skips, as the
// browser tests do: it builds four binaries and emulates one.

// crossTarget is one way of building and running learn.
type crossTarget struct {
	name string
	env  []string // added to the build's environment
	run  func(bin string, args []string) *exec.Cmd
}

func crossRequired() bool {
	ci := os.Getenv("CI")
	return (ci != "" && ci != "false" && ci != "0") || os.Getenv("PROPAGATE_CROSS") == "1"
}

// crossLinks are the links every target runs: each rule of the registry on
// two links (the default demo, and another dataset, shape and activation),
// beside backprop or another rule, plus links that reach other code paths
// (regression, cross-entropy, regularisation, a changes timeline).
func crossLinks() []string {
	var links []string
	var rules []string
	for _, r := range engine.RuleNames {
		if _, err := engine.NewRun(engine.DefaultConfig(), r); err == nil {
			rules = append(rules, r)
		}
	}
	for i, r := range rules {
		other := rules[(i+1)%len(rules)]
		links = append(links,
			fmt.Sprintf("#v=1&rules=%s,bp&seed=3", r),
			fmt.Sprintf("#v=1&rules=%s,%s&dataset=xor&networkShape=5,3&activation=sigmoid&learningRate=0.1&noise=10&seed=%d", r, other, 11+i),
		)
	}
	return append(links,
		"#v=1&rules=bp,fa&dataset=spiral&networkShape=8,8,8&noise=20&sinX=true&cosY=true&xTimesY=true&seed=11",
		"#regDataset=reg-gauss&problem=regression&networkShape=6&activation=relu&learningRate=0.01&seed=0.5",
		"#v=1&rules=eqprop,generec&dataset=xor4&networkShape=4&activation=sigmoid&outputActivation=sigmoid&learningRate=0.5&batchSize=4",
		"#v=1&rules=bp,chl&dataset=gauss&regularization=L2&regularizationRate=0.01&loss=xent&outputActivation=sigmoid&seed=5",
		"#v=1&rules=bp,chl&changes=100~learningRate~0.1,200~gamma~0.3&seed=9",
	)
}

// crossSteps: enough steps that a last-bit difference anywhere has grown
// into the printed digits (fusion shows after a few dozen).
const crossSteps = 400

func TestSameNumbersOnEveryCPU(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("this test builds and runs the other targets itself")
	}
	if !crossRequired() {
		t.Skip("builds learn for amd64 v1/v3, arm64 and wasm (set PROPAGATE_CROSS=1 or CI to run it; make test does)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is required to run the wasm build (scripts/deps.sh test installs it)")
	}
	qemu, err := exec.LookPath("qemu-aarch64-static")
	if err != nil {
		t.Fatal("qemu-aarch64-static is required to run the arm64 build (Debian package qemu-user-static; scripts/deps.sh test installs it)")
	}
	execJS := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js")
	direct := func(bin string, args []string) *exec.Cmd { return exec.Command(bin, args...) }
	targets := []crossTarget{
		{"amd64 v1", []string{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v1"}, direct},
		{"amd64 v3 (FMA)", []string{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v3"}, direct},
		{"arm64 (qemu)", []string{"GOOS=linux", "GOARCH=arm64"}, func(bin string, args []string) *exec.Cmd {
			return exec.Command(qemu, append([]string{bin}, args...)...)
		}},
		{"wasm (node)", []string{"GOOS=js", "GOARCH=wasm"}, func(bin string, args []string) *exec.Cmd {
			return exec.Command(node, append([]string{execJS, bin}, args...)...)
		}},
	}
	if runtime.GOARCH != "amd64" {
		t.Fatalf("the amd64 targets run natively; this machine is %s", runtime.GOARCH)
	}

	dir := t.TempDir()
	bins := make([]string, len(targets))
	for i, tg := range targets {
		bins[i] = filepath.Join(dir, fmt.Sprintf("learn%d", i))
		build := exec.Command("go", "build", "-o", bins[i], ".")
		build.Env = append(append(os.Environ(), "CGO_ENABLED=0"), tg.env...)
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("build for %s: %v\n%s", tg.name, err, out)
		}
	}

	var argSets [][]string
	for _, link := range crossLinks() {
		argSets = append(argSets, []string{"-link", link, "-steps", fmt.Sprint(crossSteps), "-json"})
	}
	argSets = append(argSets,
		[]string{"-equivalence", "-link", "#v=1&networkShape=4,3&seed=2", "-gamma", "0.5,0.1,0.01", "-json"},
		[]string{"-table", "-rules", "bp,chl", "-tasks", "xor4", "-seeds", "2", "-json"},
	)

	// Two at a time: the machine is shared, and qemu is the slow one.
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	outs := make([][]string, len(argSets))
	errs := make([][]error, len(argSets))
	for a, args := range argSets {
		outs[a], errs[a] = make([]string, len(targets)), make([]error, len(targets))
		for i, tg := range targets {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				cmd := tg.run(bins[i], args)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil {
					errs[a][i] = fmt.Errorf("%v\n%s", err, stderr.String())
				}
				outs[a][i] = stdout.String()
			}()
		}
	}
	wg.Wait()
	for a, args := range argSets {
		name := strings.Join(args, " ")
		for i, tg := range targets {
			if errs[a][i] != nil {
				t.Errorf("%s on %s: %v", name, tg.name, errs[a][i])
				continue
			}
			if i > 0 && errs[a][0] == nil && outs[a][i] != outs[a][0] {
				t.Errorf("%s: %s differs from %s\n%s", name, tg.name, targets[0].name, firstDifference(outs[a][0], outs[a][i]))
			}
		}
	}
}

// firstDifference shows the first line where two outputs differ.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, strings.TrimSpace(la[i]), strings.TrimSpace(lb[i]))
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}
