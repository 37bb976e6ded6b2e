package engine

import (
	"os"
	"strconv"
	"testing"
)

func TestZZExp(t *testing.T) {
	rule := os.Getenv("RULE")
	lr, _ := strconv.ParseFloat(os.Getenv("LR"), 64)
	g, _ := strconv.ParseFloat(os.Getenv("G"), 64)
	task, _ := TaskByName(os.Getenv("TASK"))
	ok, ep := 0, 0
	for s := 1; s <= 20; s++ {
		c := task.Config(rule, s)
		if lr > 0 {
			c.LearningRate = lr
		}
		if g > 0 {
			c.Gamma = g
		}
		if fb := os.Getenv("FB"); fb != "" {
			c.Feedback = fb
		}
		r, _ := NewRun(c, rule)
		for e := 1; e <= task.MaxEpochs; e++ {
			r.Step(r.stepsPerEpoch())
			if d, _ := r.Diverged(); d {
				break
			}
			if task.solved(r) {
				ok++
				ep += e
				break
			}
		}
	}
	t.Logf("%s lr %v gamma %v fb %s %s: %d/20, mean epochs %v", rule, lr, g, os.Getenv("FB"), task.Name, ok, float64(ep)/float64(max(ok, 1)))
}
