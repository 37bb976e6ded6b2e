package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// A file the page imports (a weights export) is checked for its size and
// its shape before anything is decoded into Go values: encoding/json
// materialises every array it meets, so a 7.5 MB file of nested arrays
// allocated 538 MB before it could be rejected for its shape. CheckJSONShape
// walks the tokens once, keeping nothing, and refuses a file larger, deeper,
// longer in any array or string, or with more numbers, than the limits.

// JSONLimits bound a JSON document.
type JSONLimits struct {
	Bytes   int // the whole document
	Depth   int // nested arrays and objects
	Array   int // elements of any one array
	String  int // bytes of any one string
	Numbers int // numbers in the whole document
}

// StateLimits bound a weights export of the largest net the link allows: two
// runs, MaxHiddenLayers layers of MaxUnits between at most len(FeatureNames)
// inputs and 8 outputs (the 8-3-8 encoder), every weight and bias written out
// by json.MarshalIndent (at most 24 bytes a number and its indent).
func StateLimits() JSONLimits {
	in, out := max(len(FeatureNames), 8), 8
	sizes := []int{in}
	for range MaxHiddenLayers {
		sizes = append(sizes, MaxUnits)
	}
	sizes = append(sizes, out)
	params := 0
	for k := 1; k < len(sizes); k++ {
		params += sizes[k]*sizes[k-1] + sizes[k]
	}
	numbers := 2 * (params + len(sizes) + 1) // + sizes and the step
	return JSONLimits{
		Bytes:   numbers*48 + 2*maxLinkBytes, // 48: a number, its indent and newline, generously
		Depth:   6,                           // file → runs → run → weights → layer → row
		Array:   max(MaxUnits, len(sizes), in),
		String:  maxLinkBytes,
		Numbers: numbers,
	}
}

// CheckJSONShape reports the first way data exceeds lim, or that it is not
// JSON; nil means decoding it materialises no more than lim allows.
func CheckJSONShape(data []byte, lim JSONLimits) error {
	if len(data) > lim.Bytes {
		return fmt.Errorf("the file is %d bytes, more than %d", len(data), lim.Bytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers stay text: nothing is parsed twice
	type level struct {
		array bool
		n     int
	}
	var stack []level
	numbers := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return errors.New("the file is not JSON: it ends inside an array or object")
			}
			break
		}
		if err != nil {
			return fmt.Errorf("the file is not JSON: %v", err)
		}
		if len(stack) > 0 && stack[len(stack)-1].array {
			if _, isDelim := tok.(json.Delim); !isDelim || tok == json.Delim('[') || tok == json.Delim('{') {
				top := &stack[len(stack)-1]
				if top.n++; top.n > lim.Array {
					return fmt.Errorf("an array at depth %d has more than %d elements", len(stack), lim.Array)
				}
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '[', '{':
				if len(stack) == lim.Depth {
					return fmt.Errorf("the file nests deeper than %d", lim.Depth)
				}
				stack = append(stack, level{array: t == '['})
			default:
				stack = stack[:len(stack)-1]
			}
		case json.Number:
			if numbers++; numbers > lim.Numbers {
				return fmt.Errorf("the file has more than %d numbers", lim.Numbers)
			}
		case string:
			if len(t) > lim.String {
				return fmt.Errorf("a string of %d bytes, more than %d", len(t), lim.String)
			}
		}
	}
	return nil
}
