package anim

import (
	"propagate/engine"
)

// What the page says about a rule — its names, how its signal travels
// back, the captions of its phases — is the engine's rule registry
// (engine.RuleOf): the scenes read it and keep no copy.

// phaseCaption is what phase kind of rule says in a net of L layers,
// reaching layer; released is a free phase that follows the clamped one
// (Xie & Seung settle the clamped phase first and start the free phase
// from it).
func phaseCaption(spec engine.RuleSpec, kind PhaseKind, layer, L int, released bool) (short, long string) {
	key := kind.String()
	switch {
	case kind == PhaseBackward && layer == L:
		key = "backward-output"
	case kind == PhaseFree && released:
		key = "release"
	}
	return spec.Caption(key, layer, L)
}
