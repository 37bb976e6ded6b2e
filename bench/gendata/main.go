// Command gendata prints, as JSON, the training points and net shapes of the
// benchmark setups (engine.BenchSetups), so the JS engines in bench/ train
// on exactly the points Propagate's engine trains on.
//
//	go run ./bench/gendata > points.json
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"propagate/engine"
)

// setup is one of engine.BenchSetups, as the JS engines need it.
type setup struct {
	Name         string      `json:"name"`
	Sizes        []int       `json:"sizes"` // input, hidden..., output
	Activation   string      `json:"activation"`
	LearningRate float64     `json:"learningRate"`
	BatchSize    int         `json:"batchSize"`
	Features     []string    `json:"features"`
	Train        [][]float64 `json:"train"` // inputs then targets (output units), in the run's batch order
	Test         [][]float64 `json:"test"`  // the same, for the test set an epoch's loss is also taken on
}

func main() {
	var out struct {
		Setups []setup `json:"setups"`
	}
	for _, s := range engine.BenchSetups {
		r, err := engine.NewRun(s.Config(), "bp")
		if err != nil {
			fmt.Fprintln(os.Stderr, "gendata:", err)
			os.Exit(1)
		}
		c := r.View().Config()
		if c.Activation != c.OutputActivation {
			fmt.Fprintln(os.Stderr, "gendata: the JS jobs assume one activation throughout")
			os.Exit(1)
		}
		st := setup{
			Name:         s.Name,
			Sizes:        r.View().Sizes(),
			Activation:   c.Activation.String(),
			LearningRate: c.LearningRate,
			BatchSize:    c.BatchSize,
			Features:     c.Features,
		}
		row := func(ex engine.Example) []float64 { return append(append([]float64(nil), ex.X...), ex.Y...) }
		for _, ex := range r.Train() {
			st.Train = append(st.Train, row(ex))
		}
		for _, ex := range r.Test() {
			st.Test = append(st.Test, row(ex))
		}
		out.Setups = append(out.Setups, st)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
