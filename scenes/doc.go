// Package scenes draws what the page shows, with Ebitengine.
//
// A scene receives what it shows and never reaches into the DOM or the
// engine's internals. Geometry, timing and colour are plain functions
// (layout.go) that tests call without a GPU; only Draw methods call ebiten.
//
// For now the package holds one placeholder scene, Network: a small fixed
// network drawn as units and signed edges, with a pulse that travels forward
// while the page is playing. The real scenes (compare, neuron, equivalence)
// replace it as the engine lands.
package scenes
