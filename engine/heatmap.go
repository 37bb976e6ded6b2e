package engine

// PlaneExtent is the half-width of the input plane of the 2-D datasets: TF
// Playground draws and samples points in [-6, 6]².
const PlaneExtent = 6

// Heatmap evaluates a net over square grids of the input plane: the first
// output's value at Res×Res points, and every unit's activity at
// UnitRes×UnitRes points (the thumbnails drawn on the units). The grid's
// feature vectors are computed once, so a refresh after a step
// (Run.RefreshHeatmap) is only the net's answers, and it allocates nothing.
//
// Grids are row-major with row 0 at the top of the plane (y = +6) and column
// 0 at its left (x = −6); each value is taken at the centre of its cell.
type Heatmap struct {
	Res, UnitRes int
	Output       []float64     // Res*Res values of output unit 0
	Units        [][][]float64 // Units[k][i]: UnitRes*UnitRes values of unit i of layer k (k = 0 is the input features)

	inputs, unitInputs [][]float64
	// chunks, unitChunks: the same inputs a forwardChunk at a time, each
	// chunk unit-major (n_0 × rows, as Net.ForwardCols reads its inputs), so
	// a feedforward net's refresh reads them in place.
	chunks, unitChunks [][]float64
}

// NewHeatmap prepares grids for a net whose inputs are the given features.
func NewHeatmap(n *Net, features []string, res, unitRes int) *Heatmap {
	h := &Heatmap{
		Res: res, UnitRes: unitRes,
		Output:     make([]float64, res*res),
		Units:      make([][][]float64, len(n.Sizes)),
		inputs:     gridInputs(features, res),
		unitInputs: gridInputs(features, unitRes),
	}
	h.chunks, h.unitChunks = colChunks(h.inputs), colChunks(h.unitInputs)
	for k, size := range n.Sizes {
		h.Units[k] = make([][]float64, size)
		for i := range h.Units[k] {
			h.Units[k][i] = make([]float64, unitRes*unitRes)
		}
	}
	return h
}

// colChunks splits inputs into chunks of forwardChunk inputs (the last may
// be shorter), each unit-major: chunk[j·rows + r] is feature j of input r.
func colChunks(inputs [][]float64) [][]float64 {
	var chunks [][]float64
	for start := 0; start < len(inputs); start += forwardChunk {
		in := inputs[start:min(start+forwardChunk, len(inputs))]
		n0 := len(in[0])
		c := make([]float64, n0*len(in))
		for r, v := range in {
			for j, f := range v {
				c[j*len(in)+r] = f
			}
		}
		chunks = append(chunks, c)
	}
	return chunks
}

func gridInputs(features []string, res int) [][]float64 {
	in := make([][]float64, res*res)
	for r := 0; r < res; r++ {
		y := PlaneExtent - (float64(r)+0.5)*2*PlaneExtent/float64(res)
		for c := 0; c < res; c++ {
			x := -PlaneExtent + (float64(c)+0.5)*2*PlaneExtent/float64(res)
			in[r*res+c] = FeatureVector(features, x, y, nil)
		}
	}
	return in
}
