package engine

import (
	"fmt"
	"math"
)

// Activation is a unit's transfer function f.
type Activation uint8

const (
	Linear      Activation = iota // f(a) = a
	Tanh                          // f(a) = tanh a
	Sigmoid                       // f(a) = 1/(1+e^-a)
	ReLU                          // f(a) = max(0, a)
	HardSigmoid                   // f(a) = clip(a, 0, 1): equilibrium propagation's ρ
)

var activationNames = [...]string{"linear", "tanh", "sigmoid", "relu", "hardsigmoid"}

// Activations lists every activation in link order.
func Activations() []Activation { return []Activation{Linear, Tanh, Sigmoid, ReLU, HardSigmoid} }

func (f Activation) String() string {
	if int(f) < len(activationNames) {
		return activationNames[f]
	}
	return fmt.Sprintf("Activation(%d)", uint8(f))
}

// ParseActivation reads an activation's link name.
func ParseActivation(s string) (Activation, error) {
	for i, n := range activationNames {
		if s == n {
			return Activation(i), nil
		}
	}
	return 0, fmt.Errorf("unknown activation %q", s)
}

// Apply returns f(a).
func (f Activation) Apply(a float64) float64 {
	switch f {
	case Tanh:
		return tanh(a)
	case Sigmoid:
		return 1 / (1 + exp(-a))
	case ReLU:
		return math.Max(0, a)
	case HardSigmoid:
		return math.Min(1, math.Max(0, a))
	}
	return a
}

// ApplyTo sets y[i] = f(a[i]) for a whole layer, with the switch on f
// hoisted out of the loop. y must be at least as long as a.
func (f Activation) ApplyTo(a, y []float64) {
	y = y[:len(a)]
	switch f {
	case Tanh:
		tanhTo(a, y)
	case Sigmoid:
		for i, v := range a {
			y[i] = 1 / (1 + exp(-v))
		}
	case ReLU:
		for i, v := range a {
			y[i] = math.Max(0, v)
		}
	case HardSigmoid:
		for i, v := range a {
			y[i] = math.Min(1, math.Max(0, v))
		}
	default:
		copy(y, a)
	}
}

// MulDeriv sets d[i] *= f'(a[i]) (given y[i] = f(a[i])) for a whole layer:
// the same products as d[i] * f.Deriv(a[i], y[i]), with the switch hoisted.
// a and y must be at least as long as d.
func (f Activation) MulDeriv(d, a, y []float64) {
	a, y = a[:len(d)], y[:len(d)]
	switch f {
	case Tanh:
		for i, v := range y {
			d[i] *= 1 - float64(v*v)
		}
	case Sigmoid:
		for i, v := range y {
			d[i] *= v * (1 - v)
		}
	case ReLU:
		for i, v := range a {
			if !(v > 0) {
				d[i] *= 0
			}
		}
	case HardSigmoid:
		for i, v := range a {
			if !(v > 0 && v < 1) {
				d[i] *= 0
			}
		}
	}
}

// Deriv returns f'(a) given the pre-activation a and the output y = f(a);
// tanh and sigmoid use y so the hot loops never call Exp twice.
func (f Activation) Deriv(a, y float64) float64 {
	switch f {
	case Tanh:
		return 1 - float64(y*y)
	case Sigmoid:
		return y * (1 - y)
	case ReLU:
		if a > 0 {
			return 1
		}
		return 0
	case HardSigmoid:
		if a > 0 && a < 1 {
			return 1
		}
		return 0
	}
	return 1
}

// Bounded reports whether every output of f lies in [−1, 1]: tanh, the
// sigmoid and the hard sigmoid. A net with a bounded output cannot reach an
// exploding loss; only a linear or ReLU output can run away.
func (f Activation) Bounded() bool { return f == Tanh || f == Sigmoid || f == HardSigmoid }

// Range is the interval f maps into, used to place class labels: ±1 for tanh
// and linear, 0/1 for the logistic kinds.
func (f Activation) Range() (lo, hi float64) {
	switch f {
	case Sigmoid, HardSigmoid, ReLU:
		return 0, 1
	}
	return -1, 1
}
