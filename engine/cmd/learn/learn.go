package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"propagate/engine"
)

// Exit codes: 0 success, 1 a failure while running, 2 bad usage (bad flags,
// or a link with warnings under -strict).
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

type options struct {
	link        string
	steps       int
	json        bool
	strict      bool
	table       bool
	seeds       int
	rules       string
	tasks       string
	equivalence bool
	rule        string
	gammas      string
	noFactor    bool
	settings    bool
	bench       bool
	seconds     float64
	data        string
}

func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("learn", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.link, "link", "", "a Propagate link or its hash (`#key=value&…`), @file to read it from a file, - from stdin; empty: the default demo")
	fs.IntVar(&o.steps, "steps", -1, "weight updates to make; -1: the link's own step")
	fs.BoolVar(&o.json, "json", false, "print JSON instead of a table")
	fs.BoolVar(&o.strict, "strict", false, "treat any link warning as an error (exit 2)")
	fs.BoolVar(&o.table, "table", false, "print the rules × tasks table: success rate over seeds and median epochs to criterion")
	fs.IntVar(&o.seeds, "seeds", 20, "seeds per table cell")
	fs.StringVar(&o.rules, "rules", "", "comma-separated rules for -table (default: every implemented rule)")
	fs.StringVar(&o.tasks, "tasks", "", "comma-separated tasks for -table (default: all)")
	fs.BoolVar(&o.equivalence, "equivalence", false, "compare a rule's update with backprop's per layer, along the parameter of its limit (chl: γ, with a linear output layer; pc: the output variance Σ_L)")
	fs.StringVar(&o.rule, "rule", "chl", "the rule for -equivalence: chl or pc")
	fs.StringVar(&o.gammas, "gamma", "", "the values swept by -equivalence: chl's feedback gains γ (default 0.1,0.01,0.001) or pc's output variances Σ_L (default 1,10,100,1000)")
	fs.BoolVar(&o.noFactor, "no-factor", false, "for -equivalence: drop CHL's γ^(k−L) learning-rate factor, to see why it is there")
	fs.BoolVar(&o.settings, "settings", false, "print the settings table: every link key with its range, default and help")
	fs.BoolVar(&o.bench, "bench", false, "time the engine on TF Playground's jobs (training loop, epoch with losses, heatmap refresh)")
	fs.Float64Var(&o.seconds, "seconds", 1, "for -bench: seconds to time each case")
	dataFlag(fs, &o.data)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: learn [-link '#…'] [-data FILE.csv] [-steps N] [-json] [-strict]\n       learn -equivalence [-rule chl|pc] [-link '#…'] [-gamma 0.1,0.01] [-json]\n       learn -table [-seeds N] [-rules a,b] [-tasks a,b] [-json]\n       learn -settings [-json]\n       learn -bench [-seconds S] [-json]\n\n")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nrules (rules=a,b in a link):\n")
		tw := tabwriter.NewWriter(stderr, 0, 0, 2, ' ', 0)
		for _, r := range engine.Rules() {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Name, r.Label, r.What)
		}
		tw.Flush()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "learn: unexpected argument %q (links go after -link)\n", fs.Arg(0))
		return exitUsage
	}
	if btoi(o.table)+btoi(o.equivalence)+btoi(o.settings) > 1 {
		fmt.Fprintln(stderr, "learn: choose one of -table, -equivalence and -settings")
		return exitUsage
	}
	if o.settings {
		return runSettings(o, stdout)
	}
	if o.bench {
		if o.table || o.equivalence {
			fmt.Fprintln(stderr, "learn: -bench goes alone (not with -table or -equivalence)")
			return exitUsage
		}
		return runBench(o, stdout, stderr)
	}
	if o.table {
		return runTable(o, stdout, stderr)
	}

	link, err := readLink(o.link)
	if err != nil {
		fmt.Fprintf(stderr, "learn: %v\n", err)
		return exitUsage
	}
	c, warnings := engine.DecodeLink(link)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "learn: link: %s\n", w)
	}
	c, warnings, err = withData(c, warnings, o.data, os.Stdin, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "learn: -data: %v\n", err)
		return exitUsage
	}
	if o.strict && len(warnings) > 0 {
		fmt.Fprintf(stderr, "learn: -strict: the link has %d warning(s)\n", len(warnings))
		return exitUsage
	}
	if o.equivalence {
		return runEquivalence(c, o, stdout, stderr)
	}
	return runRuns(c, warnings, o, stdout, stderr)
}

func runRuns(c engine.Config, warnings []string, o options, stdout, stderr io.Writer) int {
	steps := stepsFor(o.steps, c, stderr)
	runs, err := engine.NewRuns(c)
	if err != nil {
		fmt.Fprintf(stderr, "learn: %v\n", err)
		return exitFail
	}
	// Each run's report, with its feedback's alignment for the rules whose
	// feedback is not the forward weights (fa, dfa, random-feedback CHL).
	type runJSON struct {
		engine.RunReport
		engine.AlignmentJSON
	}
	stepRuns(runs, steps, stderr)
	reports := make([]engine.RunReport, len(runs))
	out := make([]runJSON, len(runs))
	for i, r := range runs {
		reports[i] = r.Report()
		out[i] = runJSON{RunReport: reports[i]}
		if !reports[i].Diverged { // a diverged net's weights hold NaN: no angle to print
			out[i].AlignmentJSON = r.Alignment().JSON()
		}
	}
	if o.json {
		return writeJSON(stdout, stderr, struct {
			Link     string    `json:"link"`
			Steps    int       `json:"steps"`
			Runs     []runJSON `json:"runs"`
			Warnings []string  `json:"warnings"`
		}{c.Link(), steps, out, nonNil(warnings)})
	}
	fmt.Fprintf(stdout, "%s\nafter %d steps\n\n", c.Link(), steps)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule\tepoch\tloss\ttest loss\ttrain acc\ttest acc\t")
	for _, r := range reports {
		status := ""
		if r.Diverged {
			status = "diverged: " + r.Why
		}
		fmt.Fprintf(tw, "%s\t%d\t%.6f\t%.6f\t%.1f%%\t%.1f%%\t%s\n", r.Rule, r.Epoch, r.Loss, r.TestLoss, 100*r.TrainAcc, 100*r.TestAcc, status)
	}
	tw.Flush()
	return exitOK
}

func runTable(o options, stdout, stderr io.Writer) int {
	if o.seeds < 1 || o.seeds > 1000 {
		fmt.Fprintf(stderr, "learn: -seeds %d: want 1..1000\n", o.seeds)
		return exitUsage
	}
	rules := implementedRules()
	if o.rules != "" {
		rules = splitList(o.rules)
		for _, r := range rules {
			if !engine.KnownRule(r) {
				fmt.Fprintf(stderr, "learn: -rules: unknown rule %q (known: %s)\n", r, strings.Join(engine.RuleNames, ", "))
				return exitUsage
			}
		}
	}
	var tasks []engine.Task
	if o.tasks == "" {
		tasks = engine.Tasks()
	} else {
		for _, name := range splitList(o.tasks) {
			t, ok := engine.TaskByName(name)
			if !ok {
				fmt.Fprintf(stderr, "learn: -tasks: unknown task %q\n", name)
				return exitUsage
			}
			tasks = append(tasks, t)
		}
	}
	var rows []engine.TableRow
	for _, rule := range rules {
		for _, t := range tasks {
			fmt.Fprintf(stderr, "learn: %s on %s (%d seeds)…\n", rule, t.Name, o.seeds)
			row, err := engine.TableCell(rule, t, o.seeds)
			if err != nil {
				fmt.Fprintf(stderr, "learn: %v\n", err)
				return exitFail
			}
			rows = append(rows, row)
		}
	}
	if o.json {
		return writeJSON(stdout, stderr, struct {
			Table []engine.TableRow `json:"table"`
		}{rows})
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "rule\ttask\tsuccess\tmedian epochs\tcriterion (budget)")
	for _, r := range rows {
		med := "—"
		if r.MedianEpochs >= 0 {
			med = strconv.FormatFloat(r.MedianEpochs, 'f', -1, 64)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\t%s (%d epochs)\n", r.Rule, r.Task, int(r.SuccessRate*float64(r.Seeds)+0.5), r.Seeds, med, r.Criterion, r.MaxEpochs)
	}
	tw.Flush()
	return exitOK
}

// implementedRules lists the rules NewRule can build, in RuleNames order.
func implementedRules() []string {
	var out []string
	c := engine.DefaultConfig()
	for _, name := range engine.RuleNames {
		if _, err := engine.NewRun(c, name); err == nil {
			out = append(out, name)
		}
	}
	return out
}

// runSettings prints the settings table: the JSON of window.propagate.settings(),
// or a table to read.
func runSettings(o options, stdout io.Writer) int {
	if o.json {
		fmt.Fprintln(stdout, engine.SettingsJSON())
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tgroup\ttype\tdefault\trange\tlive\twhat")
	for _, s := range engine.Settings() {
		rng := ""
		switch {
		case len(s.Options) > 0:
			vals := make([]string, len(s.Options))
			for i, opt := range s.Options {
				vals[i] = opt.Value
			}
			rng = strings.Join(vals, "|")
		case s.Min != nil:
			rng = strconv.FormatFloat(*s.Min, 'g', -1, 64) + ".." + strconv.FormatFloat(*s.Max, 'g', -1, 64)
		}
		live := ""
		if s.Live {
			live = "live"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Key, s.Group, s.Type, s.Default, rng, live, s.Help)
	}
	tw.Flush()
	return exitOK
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	if err := checkFinite(v); err != nil {
		fmt.Fprintf(stderr, "learn: %v; nothing printed\n", err)
		return exitUsage
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // links keep their '&'
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "learn: %v\n", err)
		return exitFail
	}
	return exitOK
}
