package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"propagate/engine"
)

// equivalenceRules are the rules -equivalence can sweep: the parameter of
// the limit in which each one's update is backprop's, its range, its
// default sweep, and what the table's heading says.
var equivalenceRules = map[string]struct {
	param, symbol string
	lo, hi        float64 // the values allowed: lo ≤ v ≤ hi, v > 0
	sweep         string
	heading       string
}{
	"chl": {"gamma", "γ", 1e-6, 1, "0.1,0.01,0.001", "CHL update vs backprop update, same net and batch, linear output layer (Xie & Seung 2003, eq. 3.19: O(γ))"},
	"pc":  {engine.PCParam, "Σ_L", engine.MinVarOut, engine.MaxVarOut, "1,10,100,1000", "predictive coding update vs backprop update, same net and batch, output variance Σ_L, hidden variances 1 (Whittington & Bogacz 2017: O(1/Σ_L))"},
}

func runEquivalence(c engine.Config, o options, stdout, stderr io.Writer) int {
	er, ok := equivalenceRules[o.rule]
	if !ok {
		fmt.Fprintf(stderr, "learn: -rule %q: -equivalence sweeps chl or pc\n", o.rule)
		return exitUsage
	}
	list := o.gammas
	if list == "" {
		list = er.sweep
	}
	var values []float64
	for _, s := range splitList(list) {
		g, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(g) || g <= 0 || g < er.lo || g > er.hi {
			fmt.Fprintf(stderr, "learn: -gamma: %q is not a %s in (0, %g] and ≥ %g\n", s, er.symbol, er.hi, er.lo)
			return exitUsage
		}
		values = append(values, g)
	}
	if len(values) == 0 {
		fmt.Fprintf(stderr, "learn: -gamma: give at least one %s\n", er.symbol)
		return exitUsage
	}
	var res []engine.EquivalenceResult
	var err error
	if o.rule == "pc" {
		res, err = engine.PCEquivalence(c, values)
	} else {
		res, err = engine.Equivalence(c, values, !o.noFactor)
	}
	if err != nil {
		fmt.Fprintf(stderr, "learn: %v\n", err)
		return exitFail
	}
	if err := checkFinite(res); err != nil {
		fmt.Fprintf(stderr, "learn: -equivalence: %v; nothing printed\n", err)
		return exitUsage
	}
	if o.json {
		return writeJSON(stdout, stderr, struct {
			Equivalence []engine.EquivalenceResult `json:"equivalence"`
		}{res})
	}
	heading := er.heading
	if o.rule == "chl" && engine.EquivalenceCase(c) == engine.EquivalenceSigmoidXent {
		heading = "CHL update vs backprop update on cross-entropy, same net and batch, sigmoid output (Xie & Seung 2003, eq. 3.20: O(γ))"
	}
	fmt.Fprintf(stdout, "%s\n%s\n\n", heading, c.Link())
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tlayer\tcosine\trel. error\tnorm ratio\t\n", er.symbol)
	for _, r := range res {
		for _, l := range r.Layers {
			fmt.Fprintf(tw, "%g\t%d\t%.6f\t%.3g\t%.4f\t\n", r.Gamma, l.Layer, l.Cosine, l.RelErr, l.NormRatio)
		}
	}
	tw.Flush()
	return exitOK
}
