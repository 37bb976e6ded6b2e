package app

import (
	"testing"

	"propagate/scenes"
)

// Scene commands are queued for the game's next tick, in order, and taken
// once.
func TestSceneCommandsQueue(t *testing.T) {
	a := NewApp("")
	a.Command("mode", "explain")
	a.Command("phase", " backward ")
	a.Command("next", "")
	if st := a.Status(); st.Error != "" {
		t.Fatalf("error %q", st.Error)
	}
	got := a.TakeSceneCommands()
	want := []SceneCommand{{"mode", "explain"}, {"phase", "backward"}, {"next", ""}}
	if len(got) != len(want) {
		t.Fatalf("queued %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("command %d = %v, want %v", i, got[i], want[i])
		}
	}
	if again := a.TakeSceneCommands(); len(again) != 0 {
		t.Errorf("taken twice: %v", again)
	}
}

// The page opens on the compare scene built from its link.
func TestSceneForLink(t *testing.T) {
	s, warnings := scenes.Build("#rules=bp,chl&seed=3")
	l, ok := s.(scenes.Learner)
	if !ok {
		t.Fatalf("scene %T is not the compare scene (warnings %v)", s, warnings)
	}
	if r := l.Reports(); len(r) != 2 || r[0].Rule != "bp" || r[1].Rule != "chl" {
		t.Errorf("runs %+v", r)
	}
}
