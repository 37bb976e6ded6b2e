package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"propagate/engine"
)

func runEquivalence(c engine.Config, o options, stdout, stderr io.Writer) int {
	var gammas []float64
	for _, s := range splitList(o.gammas) {
		g, err := checkGamma(s)
		if err != nil {
			fmt.Fprintf(stderr, "learn: %v\n", err)
			return exitUsage
		}
		gammas = append(gammas, g)
	}
	if len(gammas) == 0 {
		fmt.Fprintln(stderr, "learn: -gamma: give at least one γ")
		return exitUsage
	}
	res, err := engine.Equivalence(c, gammas, !o.noFactor)
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
	fmt.Fprintf(stdout, "CHL update vs backprop update, same net and batch, linear output layer (Xie & Seung 2003)\n%s\n\n", c.Link())
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "γ\tlayer\tcosine\trel. error\tnorm ratio\t")
	for _, r := range res {
		for _, l := range r.Layers {
			fmt.Fprintf(tw, "%g\t%d\t%.6f\t%.3g\t%.4f\t\n", r.Gamma, l.Layer, l.Cosine, l.RelErr, l.NormRatio)
		}
	}
	tw.Flush()
	return exitOK
}
