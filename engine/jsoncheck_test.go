package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// largestState is a weights export of the largest net the link allows, as
// json.MarshalIndent writes it, with weights of the longest printed form.
func largestState() []byte {
	sizes := []int{9}
	for range MaxHiddenLayers {
		sizes = append(sizes, MaxUnits)
	}
	sizes = append(sizes, 8)
	type run struct {
		Rule    string        `json:"rule"`
		Sizes   []int         `json:"sizes"`
		Weights [][][]float64 `json:"weights"`
		Biases  [][]float64   `json:"biases"`
	}
	r := run{Rule: "generec-mid", Sizes: sizes}
	for k := 1; k < len(sizes); k++ {
		w := make([][]float64, sizes[k])
		for i := range w {
			w[i] = make([]float64, sizes[k-1])
			for j := range w[i] {
				w[i][j] = -0.12345678901234567e-100
			}
		}
		r.Weights = append(r.Weights, w)
		r.Biases = append(r.Biases, w[0][:sizes[k]%len(w[0])+1])
	}
	data, _ := json.MarshalIndent(map[string]any{"format": "propagate-state", "version": 1, "link": strings.Repeat("x", 10000), "step": 1, "runs": []run{r, r}}, "", " ")
	return data
}

func TestCheckJSONShape(t *testing.T) {
	lim := StateLimits()
	if err := CheckJSONShape(largestState(), lim); err != nil {
		t.Fatalf("the largest real export is refused: %v", err)
	}
	for name, data := range map[string]string{
		"too large":    strings.Repeat(" ", lim.Bytes+1),
		"too deep":     strings.Repeat("[", 7) + strings.Repeat("]", 7),
		"long array":   "[" + strings.Repeat("0,", lim.Array) + "0]",
		"long string":  `"` + strings.Repeat("x", lim.String+1) + `"`,
		"many numbers": strings.Repeat("[", 5) + strings.Repeat("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],", lim.Numbers/16+1) + "[1]" + strings.Repeat("]", 5),
		"not JSON":     `{"runs": [1, 2,`,
	} {
		if CheckJSONShape([]byte(data), lim) == nil {
			t.Errorf("%s: let through", name)
		}
	}
}

// The check keeps nothing: a file just under the size limit, all arrays,
// is refused having allocated a small fraction of what decoding it would.
func TestCheckJSONShapeAllocates(t *testing.T) {
	lim := StateLimits()
	data := []byte(strings.Repeat("[[[[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]]]]],", (lim.Bytes-1)/50) + "0")
	data = append([]byte("["), append(data, ']')...)
	var err error
	checked := allocatedBy(func() { err = CheckJSONShape(data, lim) })
	if err == nil {
		t.Fatal("let through")
	}
	if checked > 64<<10 {
		t.Errorf("the check allocated %d bytes on a %d-byte file", checked, len(data))
	}
}
