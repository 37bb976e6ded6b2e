package engine

import "testing"

// TestColumns: SetCol writes a column and Col reads it back, touching no
// other element; a column out of range or a source of the wrong length
// panics, as gonum's mat does, before it writes anything.
func TestColumns(t *testing.T) {
	m := NewDense(3, 4, nil)
	m.SetCol(2, []float64{1, 2, 3})
	want := []float64{0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0}
	for i, v := range m.RawMatrix().Data {
		if v != want[i] {
			t.Fatalf("after SetCol(2): storage %v, want %v", m.RawMatrix().Data, want)
		}
	}
	if got := m.Col(2, nil); len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Fatalf("Col(2) = %v, want [1 2 3]", got)
	}
	if got := m.Col(3, make([]float64, 5)); len(got) != 3 || got[0] != 0 || got[2] != 0 {
		t.Fatalf("Col(3) into a longer buffer = %v, want [0 0 0]", got)
	}
	for name, f := range map[string]func(){
		"SetCol(4)":        func() { m.SetCol(4, []float64{1, 2, 3}) },
		"SetCol(-1)":       func() { m.SetCol(-1, []float64{1, 2, 3}) },
		"SetCol(0, short)": func() { m.SetCol(0, []float64{1, 2}) },
		"Col(4)":           func() { m.Col(4, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
	for i, v := range m.RawMatrix().Data {
		if v != want[i] {
			t.Fatalf("after the panics: storage %v, want %v", m.RawMatrix().Data, want)
		}
	}
}
