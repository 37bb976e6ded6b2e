// Package scenes draws what the page shows, with Ebitengine: the compare
// scene (compare*.go), the neuron scene (neuron*.go) and the equivalence
// scene (equivalence*.go), the lesson scenes' small controls
// (lesson_widgets.go) and the text image cache (text.go).
//
// A Scene (scene.go) has a name, a Layout (its area on the screen), an
// Update (input, animation and every engine computation the next frame
// shows) and a Draw that only reads what Update left. A Learner is a scene
// with runs. The Manager builds the scene a link asks for.
//
// Everything that needs no screen — timelines, frames, layouts, colours,
// plot maths, text measurement — is package scenes/anim, tested without a
// display. A scene never computes a gradient: it calls the engine's runs.
package scenes
