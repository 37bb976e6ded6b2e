package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"propagate/engine"
	"propagate/scenes/anim"
)

// version names this build in status(); the release process may override it
// with -ldflags "-X propagate/wasm/app.version=…".
var version = "dev"

// Status is what window.propagate.status() returns, as JSON. The field names
// are the browser contract in DESIGN.md; embedding pages and the browser
// tests read them.
type Status struct {
	Version      string  `json:"version"`
	Link         string  `json:"link"`
	Scene        string  `json:"scene"`
	Step         int     `json:"step"`
	Epoch        int     `json:"epoch"`
	Playing      bool    `json:"playing"`
	FirstFrameMs float64 `json:"firstFrameMs"`
	FPS          float64 `json:"fps"`
	// FrameCPUMs is the time Go spent per frame in Update and Draw
	// (performance.now() around them), in ms, averaged over the last
	// frameWindow frames: the page's CPU cost, apart from the browser's
	// own drawing.
	FrameCPUMs float64 `json:"frameCpuMs"`
	// UpdateCPUMs and DrawCPUMs split it: Go's mean time per Update (one
	// tick) and per Draw over the same frames, and TicksPerFrame the mean
	// Updates per frame. Ebitengine ticks 60 times a second, so where the
	// browser draws fewer frames a frame holds several Updates; at 60 fps
	// a frame costs updateCpuMs + drawCpuMs.
	UpdateCPUMs   float64     `json:"updateCpuMs"`
	DrawCPUMs     float64     `json:"drawCpuMs"`
	TicksPerFrame float64     `json:"ticksPerFrame"`
	Warnings      []string    `json:"warnings"`
	Error         string      `json:"error"`
	Runs          []RunStatus `json:"runs"`
	Mode          string      `json:"mode"` // the compare scene's mode: train or explain

	// Config is the current settings as the link's key → value: what the
	// control panel renders. Link is the same settings with the step.
	Config map[string]string `json:"config"`
	// Replaying is true while a link's step is being replayed, from step
	// to replayTarget; the page shows progress and the runs are not
	// reported until it arrives.
	Replaying    bool `json:"replaying"`
	ReplayTarget int  `json:"replayTarget"`
	// Frames counts the frames drawn: a page that is alive counts on.
	Frames int `json:"frames"`
	// OpenLink is Link for the whole page: an embedded page's "Open in
	// Propagate" goes there (Link itself without embed).
	OpenLink string `json:"openLink"`

	// What the scene shows (issue 15), for tests and embedding pages:
	// each compare panel's rule, title, caption, colour and explain
	// phase; the kinds of each panel's phase strip; named boxes in CSS
	// pixels of the viewport [x0, y0, x1, y1]; the text on show; the
	// readout under the pointer; the charts' lines.
	Panels []anim.PanelView             `json:"panels"`
	Strips [][]string                   `json:"strips"`
	Layout map[string][4]float64        `json:"layout"`
	Texts  []string                     `json:"texts"`
	Hover  []string                     `json:"hover"`
	Charts map[string][]anim.SeriesView `json:"charts"`
	// Numbers is the explained example's numbers per panel (explain
	// mode): the page's numbers pane shows them.
	Numbers []anim.Numbers `json:"numbers"`
	// Data is own points and the draw tool (data.go).
	Data DataStatus `json:"data"`
}

// RunStatus is one learning rule's run as the page reports it: the report
// the CLI prints, the same fields with the same numbers for the same link.
// Its step is the step the numbers were computed at; status().step moves
// on (a step command, a replay) a tick before they are reported.
type RunStatus = engine.RunReport

// App holds the page's state behind the browser contract. It is plain Go:
// the syscall/js bridge (wasm/bridge_js.go) calls it from JavaScript callbacks and
// the game calls it from Update and Draw, so every method takes the lock.
type App struct {
	mu            sync.Mutex
	status        Status
	cfg           engine.Config // the settings; cfg.Step is the replay target of the last load
	resetPending  bool          // command("reset") or ("load") waits for the next tick
	retunePending bool          // command("set") changed live settings only
	firstFrame    bool          // the first frame has been drawn
	sceneCmds     []SceneCommand
	imported      *importedState // weights to apply once the replay arrives
	exports       []exportRequest
}

// SceneCommand is a command for the scene on screen (mode, phase, next),
// queued by Command and run by the game on its next tick.
type SceneCommand struct{ Name, Arg string }

// NewApp returns the state of a page opened at link (the URL hash).
func NewApp(link string) *App {
	a := &App{status: Status{
		Version: version,
		Scene:   "compare",
		Playing: true,
		Data:    DataStatus{Draw: DrawStatus{DrawSettings: anim.NewDrawTool().DrawSettings}},
	}}
	a.loadLocked(link)
	a.resetPending = false // the game starts with the scene main builds
	return a
}

// loadLocked takes the settings of a link, with its warnings, and starts
// the runs over, replaying to the link's step. A link with a step opens
// paused there: it names a moment.
func (a *App) loadLocked(link string) {
	cfg, warnings := engine.DecodeLink(LessonDemo(NormalizeLink(link)))
	a.cfg = cfg
	a.status.Warnings = warnings
	a.status.Config = cfg.Values()
	a.status.Mode = cfg.Mode
	a.resetLocked(cfg.Step)
	if cfg.Step > 0 {
		a.status.Playing = false
	}
	a.status.Link = a.linkLocked()
}

// linkLocked is the link of the current settings at the current step.
func (a *App) linkLocked() string { return a.linkConfigLocked().Link() }

// linkConfigLocked is the settings the link shows: the current ones at the
// current step (the replay's target while replaying).
func (a *App) linkConfigLocked() engine.Config {
	c := a.cfg
	c.Step = a.status.Step
	if a.status.Replaying {
		c.Step = a.status.ReplayTarget
	}
	return c
}

// Status returns a copy of the current status. Warnings and Runs are never
// nil, so the JSON always has arrays where the contract promises them.
func (a *App) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.statusLocked()
}

// tickState is what the game reads of the status every tick: Status
// copies every list and map of it, twice a tick.
type tickState struct {
	Step, Epoch        int
	Playing, Replaying bool
	Link               string
}

func (a *App) tick() tickState {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := &a.status
	return tickState{Step: s.Step, Epoch: s.Epoch, Playing: s.Playing, Replaying: s.Replaying, Link: s.Link}
}

func (a *App) statusLocked() Status {
	s := a.status
	s.Warnings = append([]string{}, s.Warnings...)
	s.Runs = append([]RunStatus{}, s.Runs...)
	s.Config = make(map[string]string, len(a.status.Config))
	for k, v := range a.status.Config {
		s.Config[k] = v
	}
	s.OpenLink = s.Link
	if a.cfg.Embed {
		c := a.linkConfigLocked()
		c.Embed = false
		s.OpenLink = c.Link()
	}
	s.Panels = append([]anim.PanelView{}, s.Panels...)
	s.Strips = append([][]string{}, s.Strips...)
	s.Texts = append([]string{}, s.Texts...)
	s.Hover = append([]string{}, s.Hover...)
	s.Numbers = append([]anim.Numbers{}, s.Numbers...)
	s.Layout = maps.Clone(s.Layout)
	if s.Layout == nil {
		s.Layout = map[string][4]float64{}
	}
	s.Charts = maps.Clone(s.Charts)
	if s.Charts == nil {
		s.Charts = map[string][]anim.SeriesView{}
	}
	s.Data = a.dataStatusLocked()
	return s
}

// SetView records what the scene shows; scale is device pixels per CSS
// pixel, which the boxes are divided by. The scene's own settings (the
// neuron scene's Δt, …) join the link, as the panel's do, without
// starting anything over.
func (a *App) SetView(v anim.View, scale float64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if scale <= 0 {
		scale = 1
	}
	a.status.Panels = v.Panels
	a.status.Strips = v.Strips
	a.status.Hover = v.Hover
	a.status.Charts = v.Charts
	a.status.Numbers = v.Numbers
	if !finiteNumbers(v.Numbers) {
		a.status.Numbers = nil // a diverging step: status() must stay JSON
	}
	lay := make(map[string][4]float64, len(v.Boxes))
	for k, r := range v.Boxes {
		lay[k] = [4]float64{r.Min.X / scale, r.Min.Y / scale, r.Max.X / scale, r.Max.Y / scale}
	}
	a.status.Layout = lay
	if v.Settings != nil {
		a.sceneSettingsLocked(v.Settings)
	}
}

// SetTexts records the text the last frame drew.
func (a *App) SetTexts(texts []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Texts = texts
}

// sceneSettingsLocked takes the settings a scene's own controls set (the
// neuron scene's Δt and window, the equivalence scene's γ and factor)
// into the page's settings, so the link names what is on show. The scene
// already shows them: nothing is rebuilt.
func (a *App) sceneSettingsLocked(apply func(*engine.Config)) {
	next := a.cfg
	apply(&next)
	if reflect.DeepEqual(next, a.cfg) {
		return
	}
	a.cfg = next
	a.status.Config = a.configValuesLocked()
	a.status.Link = a.linkLocked()
}

// StatusJSON is Status encoded as the JSON string status() returns.
func (a *App) StatusJSON() string {
	return EncodeStatus(a.Status())
}

// EncodeStatus is s as status() returns it: JSON.
func EncodeStatus(s Status) string {
	b, err := json.Marshal(s)
	if err != nil {
		// Only a NaN or Inf in a float gets here; say so rather than
		// returning something that is not JSON.
		return fmt.Sprintf(`{"error":%q}`, "status: "+err.Error())
	}
	return string(b)
}

// Command runs one command of the browser contract and returns the new
// status. An unknown command or a bad argument never panics: it leaves the
// state as it was and names the problem in Status.Error.
func (a *App) Command(name, arg string) Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Error = ""
	switch name {
	case "play":
		a.status.Playing = true
	case "pause":
		a.status.Playing = false
	case "step":
		n, err := parseStepCount(arg)
		if err != nil {
			a.status.Error = err.Error()
			break
		}
		// Stepping by hand implies pausing, as in TensorFlow Playground.
		a.status.Playing = false
		// One pending target, never a queue: the steps are taken as a
		// replay is, split across frames with the progress shown, and
		// "stopreplay" ends them where they are. A step asked for while
		// steps are still being taken counts from where the runs are
		// (or keeps a farther target): a hundred calls cost one call.
		target := a.status.Step + n
		if a.status.Replaying {
			target = max(target, a.status.ReplayTarget)
		}
		a.status.Replaying, a.status.ReplayTarget = true, target
	case "mode", "phase", "next", "prev", "strip", "nudge":
		// The scene runs them on the next tick; a bad argument shows up
		// in Status.Error then. The settings follow the mode at once, so
		// a reset in the same tick rebuilds the scene in that mode.
		// Stepping through the phases by hand pauses, as stepping does.
		arg = strings.TrimSpace(arg)
		if name == "mode" && (arg == "" || arg == "toggle") {
			// Queued as the mode it means: a scene rebuilt in this tick
			// (in the new mode) must not toggle again.
			arg = map[string]string{"train": "explain", "explain": "train"}[a.cfg.Mode]
		}
		a.sceneCmds = append(a.sceneCmds, SceneCommand{name, arg})
		switch {
		case name == "next", name == "prev", name == "strip":
			a.status.Playing = false
			a.cfg.Mode = "explain"
		case name == "phase", name == "mode" && arg == "explain":
			a.cfg.Mode = "explain"
		case name == "mode" && arg == "train":
			a.cfg.Mode = "train"
		}
		a.status.Config = a.configValuesLocked()
	case "reset":
		// The same seed, so the same initial weights, with the settings
		// in force now (changes made along the way folded in).
		a.cfg = a.cfg.At(a.status.Step)
		a.cfg.Changes = nil
		a.status.Config = a.configValuesLocked()
		a.resetLocked(0)
	case "newweights":
		a.cfg.Seed = strconv.Itoa(rand.IntN(1_000_000))
		a.status.Config = a.configValuesLocked()
		a.resetLocked(0)
	case "stopreplay":
		// Stop a long replay where it is; the link then names that step.
		if a.status.Replaying {
			a.status.ReplayTarget = a.status.Step
			if a.imported != nil { // its weights belong to the step it was heading for
				a.imported = nil
				a.status.Warnings = append(a.status.Warnings, "import: stopped before its step; the file's weights were not applied")
			}
		}
	case "load":
		a.loadLocked(arg)
	case "set":
		a.setLocked(arg)
	case "import":
		st, err := parseState([]byte(arg))
		if err != nil {
			a.status.Error = "import: " + err.Error() + "; nothing changed"
			break
		}
		a.loadLocked(st.Link)
		a.status.Warnings = append(a.status.Warnings, st.Warnings...)
		a.imported = st
	case "draw", "points": // own points (data.go)
		a.dataCommandLocked(name, arg)
	default:
		a.status.Error = fmt.Sprintf("unknown command %q (known: %s)", name, strings.Join(commandNames, ", "))
	}
	a.status.Link = a.linkLocked()
	return a.statusLocked()
}

// commandNames lists the commands Command knows.
var commandNames = []string{"play", "pause", "step", "reset", "newweights", "load", "set", "import", "stopreplay", "mode", "phase", "next", "prev", "strip", "nudge", "draw", "points"}

// setLocked merges key=value pairs onto the settings. A change of data,
// shape, rules or seed starts the runs over; a live setting or the page's
// own state carries on from where they are (the settings table says which
// is which: applySet).
func (a *App) setLocked(arg string) {
	old := a.cfg
	cfg, rebuild, warnings := applySet(old, arg, a.status.Step)
	a.cfg = cfg
	a.status.Warnings = warnings
	a.status.Config = a.configValuesLocked()
	if cfg.Mode != old.Mode {
		a.sceneCmds = append(a.sceneCmds, SceneCommand{"mode", cfg.Mode})
	}
	if rebuild {
		a.resetLocked(0)
		return
	}
	a.retunePending = true
}

// configValuesLocked is what status().config shows: the settings in force
// at the current step, change list included.
func (a *App) configValuesLocked() map[string]string {
	now := a.cfg.At(a.status.Step)
	now.Changes = a.cfg.Changes
	return now.Values()
}

// maxStepsPerCommand bounds command("step", n) so a typo cannot freeze the
// page for minutes.
const maxStepsPerCommand = 100000

func parseStepCount(arg string) (int, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" || arg == "undefined" || arg == "null" {
		return 1, nil
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > maxStepsPerCommand {
		return 0, fmt.Errorf("step: count must be a whole number from 1 to %d, got %q", maxStepsPerCommand, arg)
	}
	return n, nil
}

// resetLocked asks the game to rebuild the runs from the settings and
// replay them to step target.
func (a *App) resetLocked(target int) {
	a.status.Step = 0
	a.status.Epoch = 0
	a.status.Runs = nil
	a.resetPending = true
	a.retunePending = false
	a.imported = nil
	a.status.Replaying = target > 0
	a.status.ReplayTarget = target
}

// NormalizeLink makes "", "#" and "a=b" read the same way location.hash
// would: empty, or starting with "#".
func NormalizeLink(link string) string {
	link = strings.TrimSpace(link)
	if link == "" || link == "#" {
		return ""
	}
	if !strings.HasPrefix(link, "#") {
		link = "#" + link
	}
	return link
}

// Tick is what the game asks for once per Update: how many steps to take
// now (perTick when playing; steps asked for by hand are a replay target,
// Replay) and whether to rebuild the runs from the link first, which it
// clears. While a replay runs, playing takes no steps.
func (a *App) Tick(perTick int) (steps int, reset bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	reset, a.resetPending = a.resetPending, false
	if a.status.Replaying {
		return 0, reset
	}
	if a.status.Playing {
		steps = perTick
	}
	return steps, reset
}

// Link returns the link the page shows now: the settings at the current
// step.
func (a *App) Link() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status.Link
}

// LinkConfig returns the settings the link shows, step included: what the
// scene is built from.
func (a *App) LinkConfig() engine.Config {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.linkConfigLocked().Clone()
}

// SettingsJSON is window.propagate.settings(): the engine's settings
// table, the same as `learn -settings -json`.
func (a *App) SettingsJSON() string { return engine.SettingsJSON() }

// Config returns the current settings.
func (a *App) Config() engine.Config {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cfg.Clone()
}

// TakeRetune reports (once) that live settings changed, with the settings.
func (a *App) TakeRetune() (engine.Config, bool) {
	a.mu.Lock()
	retune := a.retunePending
	a.retunePending = false
	a.mu.Unlock()
	return a.Config(), retune
}

// Replay returns the step a replay is heading for, and whether one runs.
func (a *App) Replay() (target int, replaying bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status.ReplayTarget, a.status.Replaying
}

// EndReplay marks the replay done and returns the imported state waiting
// for it, if any.
func (a *App) EndReplay() *importedState {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Replaying = false
	a.status.Link = a.linkLocked()
	st := a.imported
	a.imported = nil
	return st
}

// SetProgress records where the runs are: steps taken and epochs completed.
func (a *App) SetProgress(step, epoch int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Step, a.status.Epoch = step, epoch
	a.status.Link = a.linkLocked()
	if len(a.cfg.Changes) > 0 {
		a.status.Config = a.configValuesLocked() // a replay crosses changes
	}
}

// SetRuns replaces the per-rule results that status() reports.
func (a *App) SetRuns(runs []RunStatus) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Runs = append([]RunStatus{}, runs...)
}

// SetWarnings replaces the warnings, for example those the link codec gives
// for unknown or out-of-range keys.
func (a *App) SetWarnings(warnings []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Warnings = append([]string{}, warnings...)
}

// AddWarnings adds to the warnings (a scene that could not be built says
// why beside the link's own warnings).
func (a *App) AddWarnings(warnings []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Warnings = append(a.status.Warnings, warnings...)
}

// SetScene names the scene on screen.
func (a *App) SetScene(scene string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Scene = scene
}

// SetFPS records the measured frame rate.
func (a *App) SetFPS(fps float64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.FPS = fps
}

// FrameCPU is Go's time per frame, per Update and per Draw (ms), and the
// Updates per frame, over the last frames.
type FrameCPU struct{ Frame, Update, Draw, TicksPerFrame float64 }

// SetFrameCPU records Go's time per frame.
func (a *App) SetFrameCPU(f FrameCPU) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.FrameCPUMs, a.status.UpdateCPUMs, a.status.DrawCPUMs, a.status.TicksPerFrame = f.Frame, f.Update, f.Draw, f.TicksPerFrame
}

// FirstFrame records, once, the time of the first drawn frame in
// milliseconds since navigation start. It reports whether this call was the
// first, so the caller announces readiness exactly once.
func (a *App) FirstFrame(ms float64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Frames++
	if a.firstFrame {
		return false
	}
	a.firstFrame = true
	a.status.FirstFrameMs = ms
	return true
}

// Fail records a fault (a recovered panic, a failed step) in Status.Error.
// The page keeps running; the next successful command clears it.
func (a *App) Fail(msg string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Error = msg
}

// TakeSceneCommands returns (and clears) the scene commands queued since
// the last tick.
func (a *App) TakeSceneCommands() []SceneCommand {
	a.mu.Lock()
	defer a.mu.Unlock()
	cmds := a.sceneCmds
	a.sceneCmds = nil
	return cmds
}

// SetMode records the scene's mode.
func (a *App) SetMode(mode string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if mode == a.status.Mode {
		return
	}
	a.status.Mode = mode
	if mode == "train" || mode == "explain" {
		a.cfg.Mode = mode
		a.status.Config = a.configValuesLocked()
		a.status.Link = a.linkLocked()
	}
}

// finiteNumbers reports whether every value of ns is finite (JSON has no
// NaN or Inf).
func finiteNumbers(ns []anim.Numbers) bool {
	ok := func(vs ...[]float64) bool {
		for _, v := range vs {
			for _, x := range v {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return false
				}
			}
		}
		return true
	}
	for _, n := range ns {
		if !ok(n.Input, n.Target, n.Output) {
			return false
		}
		for _, l := range n.Layers {
			if !ok(l.Act, l.Signal) {
				return false
			}
		}
		if e := n.Edge; e != nil && !ok([]float64{e.Eta, e.Pre, e.Signal, e.Term, e.DeltaW}) {
			return false
		}
	}
	return true
}
