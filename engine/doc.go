// Package engine is Propagate's learning core: layered networks, the learning
// rules set side by side (backprop and the rules that need no backward pass),
// the datasets, runs with metrics and history, traces for the scenes to
// replay, and the link codec that captures a whole demo in a URL hash.
//
// The engine never knows it is drawn: it imports the standard library and
// gonum only (no ebiten, no syscall/js), so everything here runs natively,
// in WebAssembly and in the learn CLI with bit-identical results.
//
// # Conventions
//
// Layers are numbered 0..L; layer 0 is the input. W[k] (n_k × n_{k-1}) maps
// layer k-1 to layer k and B[k] is its bias; index 0 of W and B is nil. A
// rule produces an Update of the same shapes: the change to add to the
// weights per unit of learning rate (for backprop, the negative gradient of
// the batch-mean loss), so that every rule is applied, compared and drawn the
// same way.
//
// Randomness comes from seeded PCG generators owned by a run; no numeric path
// reads a clock or iterates over a map.
//
// # One table for each kind of fact
//
// Every setting is one row of the link table (link.go): how it is read,
// written and checked, and its label, group, type, range, step, options,
// whether it is live, its help and its TF Playground alias (settings.go).
// Settings, SettingsJSON (`learn -settings -json`, the page's settings()),
// LiveKeys, Config.Merge, Config.Diff and Run.Retune derive from it. Every
// rule is one entry of the registry (registry.go): names, colour, feedback,
// defaults with their reasons, constructor, trace grammar and captions;
// NewRule, RuleNames, RuleDefaults and the scenes read it. Scenes and the
// page read a run through Run.View; a traced step records the update the
// run applied (Trace.Applied).
//
// # Traps
//
// Matrices in a Net are allocated by the engine with stride equal to their
// column count; the hot loops rely on that and index RawMatrix().Data
// directly. A training step with tracing off allocates nothing.
package engine
