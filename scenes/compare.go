package scenes

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// Compare is the heart of the page: two runs of the same net on the same
// data from the same weights, one panel each, learning in lock-step.
//
// Train mode: the game steps both runs (Advance) many steps per frame; the
// heatmaps, the loss curves and the agreement plot follow live, and a faint
// backward sweep summarises the animation. Explain mode: each run takes one
// traced step and its panel replays it phase by phase (Timeline, FrameAt);
// "next phase" jumps ahead.
//
// Update changes the scene and Draw only reads it. The scene never computes
// a gradient: it calls the runs' Step, StepTraced, Metrics, Agreement and
// Heatmap.Refresh.
type Compare struct {
	cfg  engine.Config
	runs []*engine.Run
	mode Mode

	// Explain mode: one traced step per run, replayed.
	traces [2]engine.Trace
	tls    [2]*anim.Timeline
	step   [2]anim.Stepper // each panel's clock: playing, or a phase at a time (stepper.go)

	// Train mode.
	sweep       float64          // the backward sweep's clock, seconds
	agree       [2][]anim.Series // raw cosine per layer
	agreeSm     [2][]anim.Series // its moving average
	ratio       [2][]anim.Series // log₁₀ of the norm ratio per layer (anim.RatioY)
	agreeEMA    [2][]float64
	agreeBuf    []engine.LayerAgreement
	agreeAt     int // step of the last agreement sample
	ticks       int
	wasPlaying  bool
	requestPlay bool // the viewer asked to toggle play (space, the button)
	requestStep int

	// Drawing caches, rebuilt when the screen or the weights change.
	heat     [2]*engine.Heatmap
	heatStep [2]int     // the step each heatmap shows (−1: stale)
	heatTick [2]int     // the tick each heatmap was last refreshed
	heatQ    [2]float64 // each panel's heatmap resolution factor (0.4–1), lowered when its refresh costs too much
	heatCost [2]float64 // each panel's refresh cost in ms, averaged
	draw     drawCache
	met      [2]engine.Metrics // each run's metrics, computed once per step
	metStep  [2]int
	metTick  [2]int
	plotStep [3]int // the step each plot was last marked stale at
	in       Intents
	dt       drawToolState // the draw tool on the planes (compare_drawtool.go)
}

// Mode is what the scene animates.
type Mode uint8

const (
	ModeTrain   Mode = iota // many steps per frame, everything live
	ModeExplain             // one example, phase by phase
)

func (m Mode) String() string {
	if m == ModeExplain {
		return "explain"
	}
	return "train"
}

// NewCompare builds the runs of cfg (two rules, same data and weights).
func NewCompare(cfg engine.Config) (*Compare, error) {
	runs, err := engine.NewRuns(cfg)
	if err != nil {
		return nil, err
	}
	// The curves move from the first steps: record every few steps (the
	// engine's default is once per epoch), as often as the plots are
	// redrawn at speed 1 — a point is a pass over the data, settled at
	// every example for the energy-based rules. Recording never changes
	// what a run learns.
	for _, r := range runs {
		r.RecordEvery(max(plotEvery, cfg.Speed))
	}
	c := &Compare{cfg: cfg, runs: runs, heatStep: [2]int{-1, -1}, metStep: [2]int{-1, -1}, heatQ: [2]float64{1, 1}}
	if cfg.Mode == "explain" {
		c.setMode(ModeExplain)
	}
	c.sampleAgreement()
	return c, nil
}

// Runs returns the scene's runs, left panel first.
func (c *Compare) Runs() []*engine.Run { return c.runs }

// Mode returns the current mode.
func (c *Compare) Mode() Mode { return c.mode }

// Progress is where the runs are: the step count and epoch of the first run
// (both runs step in lock-step; a diverged run stops counting).
func (c *Compare) Progress() (step, epoch int) {
	for _, r := range c.runs {
		step, epoch = max(step, r.StepCount()), max(epoch, r.Epoch())
	}
	return step, epoch
}

// Reports returns each run's report for status(): the numbers learn gives
// at the step the report names. While playing, a run's report is its stats
// line's metrics (metrics: at their own step, a few steps back at most),
// which costs no pass over the data of its own (for a settling rule, a
// settle at every point). Paused, or before the stats line has any, or
// once a run diverged after them, a run is measured at its step.
func (c *Compare) Reports() []engine.RunReport {
	out := make([]engine.RunReport, len(c.runs))
	for i, r := range c.runs {
		if i < 2 && c.metStep[i] >= 0 && (c.wasPlaying || c.metStep[i] == r.StepCount()) {
			if d, _ := r.Diverged(); d == c.met[i].Diverged {
				out[i] = r.ReportOf(c.met[i])
				continue
			}
		}
		out[i] = r.Report()
	}
	return out
}

// StepsPerTick is how many steps the game should ask for per tick while
// playing: the link's speed in train mode, none in explain mode (which steps
// itself when an animation ends).
func (c *Compare) StepsPerTick() int {
	if c.mode == ModeExplain {
		return 0
	}
	return max(1, c.cfg.Speed)
}

// trainBudget is how long one tick may spend stepping the runs in train
// mode, so a fast link (speed 1000, a big batch, many settling iterations)
// still leaves the frame time to draw.
const trainBudget = 6 * time.Millisecond

// Advance steps both runs n times in lock-step. While the page plays and n
// is no more than one tick's worth (StepsPerTick), the steps are taken in
// chunks until trainBudget is spent and the rest are dropped: a fast link
// then trains slower rather than stalling the frame. Anything else — paused,
// "step N", a replay to the link's step — is taken in full. Steps are
// counted, never timed: the runs take whole steps in order, so after the
// page's step N they are exactly where `learn -steps N` leaves them, however
// many frames it took. In explain mode the last of the n steps is traced
// and replayed from its start.
func (c *Compare) Advance(n int) {
	if n <= 0 {
		return
	}
	if c.mode == ModeExplain {
		for _, r := range c.runs {
			r.Step(n - 1)
		}
		c.explainStep()
		return
	}
	budgeted := c.wasPlaying && n <= c.StepsPerTick()
	start := time.Now()
	chunk := 1
	for n > 0 {
		// Chunks end where the agreement plot takes its next sample, so
		// the samples fall on the same steps however the time is cut.
		step, _ := c.Progress()
		k := min(chunk, n, max(1, c.agreeAt+c.agreeEvery()-step))
		for _, r := range c.runs {
			r.Step(k)
		}
		n -= k
		c.sampleAgreement()
		if budgeted && time.Since(start) > trainBudget {
			break
		}
		chunk = min(2*chunk, 64)
	}
}

// TakeRequests returns (and clears) what the viewer asked of the page
// through the canvas: toggle play, or take steps. The game turns them into
// the page's commands.
func (c *Compare) TakeRequests() (togglePlay bool, steps int) {
	togglePlay, steps = c.requestPlay, c.requestStep
	c.requestPlay, c.requestStep = false, 0
	return togglePlay, steps
}

// Command runs a scene command: "mode" (train, explain or toggle), "next"
// (the next phase), "phase" (a phase kind such as backward or clamped, or an
// index: every panel that has it jumps to its middle and holds there).
func (c *Compare) Command(name, arg string) error {
	switch name {
	case "mode":
		switch arg {
		case "train":
			c.setMode(ModeTrain)
		case "explain":
			c.setMode(ModeExplain)
		case "", "toggle":
			c.setMode(1 - c.mode)
		default:
			return fmt.Errorf("mode: want train or explain, got %q", arg)
		}
	case "next":
		if c.mode != ModeExplain {
			c.setMode(ModeExplain)
		}
		c.nextPhase()
	case "prev":
		c.previousPhase()
	case "strip":
		return c.goToPhase(arg)
	case "phase":
		return c.jumpToPhase(arg)
	default:
		return fmt.Errorf("unknown scene command %q", name)
	}
	return nil
}

func (c *Compare) setMode(m Mode) {
	if m == c.mode && (m == ModeTrain || c.tls[0] != nil) {
		return
	}
	c.mode = m
	if m == ModeExplain {
		c.explainStep()
	}
}

// explainStep takes one traced step of each run and starts replaying it.
func (c *Compare) explainStep() {
	for i, r := range c.runs {
		if i >= 2 {
			break
		}
		if d, _ := r.Diverged(); d {
			c.tls[i] = nil
			continue
		}
		r.StepTraced(&c.traces[i])
		c.tls[i] = anim.NewTimeline(&c.traces[i], r.View().Sizes())
		c.step[i].Reset()
	}
	c.sampleAgreement()
}

// nextPhase plays each panel's phase on show to its end, or the one after
// it, and holds it there (paused or not). When every panel has shown its
// last phase, the next step starts and its first phase plays.
func (c *Compare) nextPhase() {
	moved := false
	for i, tl := range c.tls {
		if tl != nil && c.step[i].Next(tl) {
			moved = true
		}
	}
	if moved {
		return
	}
	c.explainStep()
	for i, tl := range c.tls {
		if tl != nil {
			c.step[i].Next(tl)
		}
	}
}

// previousPhase shows each panel's phase before the one on show, played
// to its end.
func (c *Compare) previousPhase() {
	for i, tl := range c.tls {
		if tl != nil {
			c.step[i].Previous(tl)
		}
	}
}

// analogPhase is, for a phase one kind of rule has, the phase of the other
// kind that plays the same part.
var analogPhase = map[anim.PhaseKind]anim.PhaseKind{
	anim.PhaseForward:  anim.PhaseFree,
	anim.PhaseFree:     anim.PhaseForward,
	anim.PhaseError:    anim.PhaseClamp,
	anim.PhaseClamp:    anim.PhaseError,
	anim.PhaseBackward: anim.PhaseClamped,
	anim.PhaseFeedback: anim.PhaseClamped,
	anim.PhaseClamped:  anim.PhaseBackward,
	anim.PhaseHebbian:  anim.PhaseUpdate,
	// Predictive coding's error nodes play δ's part.
	anim.PhaseErrorNode: anim.PhaseBackward,
}

func (c *Compare) jumpToPhase(arg string) error {
	if c.mode != ModeExplain {
		c.setMode(ModeExplain)
	}
	kind, byKind := anim.ParsePhaseKind(arg)
	n, err := strconv.Atoi(arg)
	if !byKind && err != nil {
		return fmt.Errorf("phase: want a phase name (%v) or an index, got %q", anim.PhaseNames(), arg)
	}
	found := false
	for i, tl := range c.tls {
		if tl == nil {
			continue
		}
		p := n
		k := kind
		if byKind {
			p = tl.FindPhase(kind)
			// A panel without that phase shows its counterpart, so the two
			// panels tell the same moment side by side: δ travelling back
			// beside the clamp's change rippling back, and so on.
			if p < 0 {
				if a, ok := analogPhase[kind]; ok {
					k, p = a, tl.FindPhase(a)
				}
			}
		}
		if p < 0 || p >= len(tl.Phases) {
			continue
		}
		// The middle of the phase, or of the last layer's crossing for a
		// phase kind that repeats per layer: pulses are mid-edge.
		if byKind {
			for q := p + 1; q < len(tl.Phases) && tl.Phases[q].Kind == k && k != anim.PhaseBackward; q++ {
				p = q
			}
			if k == anim.PhaseBackward && p+1 < len(tl.Phases) && tl.Phases[p+1].Kind == anim.PhaseBackward {
				p++ // δ_L only appears at the output; the next one travels
			}
		}
		c.step[i].HoldMiddle(tl, p)
		found = true
	}
	if !found {
		return fmt.Errorf("phase: no panel has a phase %q", arg)
	}
	return nil
}

// Update advances the animation by one tick (1/60 s). playing is the page's
// play state.
func (c *Compare) Update(playing bool) {
	c.UpdateWith(playing, c.drawInput(ReadIntents(c.draw.scale)))
}

// UpdateWith is Update with the input given, for tests.
func (c *Compare) UpdateWith(playing bool, in Intents) {
	c.ticks++
	c.in = in
	if in.TogglePlay {
		c.requestPlay = true
	}
	if in.ToggleMode {
		c.setMode(1 - c.mode)
	}
	if in.NextPhase {
		if c.mode == ModeExplain {
			c.nextPhase()
		} else {
			c.requestStep++
		}
	}
	if in.Step {
		c.requestStep++
	}
	if in.Click {
		c.click(in.Pointer)
	}
	if playing && !c.wasPlaying {
		for i := range c.step {
			c.step[i].Play()
		}
	}
	c.wasPlaying = playing
	const dt = 1.0 / anim.TicksPerSecond
	switch c.mode {
	case ModeExplain:
		ended, any := true, false
		for i, tl := range c.tls {
			if tl == nil {
				continue
			}
			any = true
			if !c.step[i].Tick(tl, dt, playing) {
				ended = false
			}
		}
		if ended && any {
			c.explainStep()
		}
	case ModeTrain:
		if playing {
			c.sweep += dt
		}
	}
	if c.ticks == 1 {
		// The first frame shows the nets, the points and the plots at
		// once; the heatmaps and the settled metrics (passes over a grid
		// and the data, settled at every point for the energy-based
		// rules) follow from the next tick.
		return
	}
	c.buildHeatmaps()
	c.refreshHeatmaps()
	for i := range min(2, len(c.runs)) {
		c.metrics(i)
	}
	c.stalePlots()
}

// stalePlots marks the loss, agreement and ratio plots for redrawing when the runs
// stepped since they were drawn: at once when paused, at most every
// plotEvery ticks while playing (10 pictures a second follow a curve). While
// playing, the three take turns, two ticks apart, so no frame redraws all
// three.
func (c *Compare) stalePlots() {
	step, _ := c.Progress()
	for i := range c.draw.plots {
		if step == c.plotStep[i] {
			continue
		}
		if c.wasPlaying && c.ticks%plotEvery != i*plotEvery/len(c.draw.plots) {
			continue // not this plot's turn
		}
		c.plotStep[i] = step
		c.draw.plots[i].stale = true
	}
}

const plotEvery = 6

// sampleAgreement records, every so often, the cosine between each rule's
// update and backprop's on the same weights and batch, per layer.
func (c *Compare) sampleAgreement() {
	step, _ := c.Progress()
	every := c.agreeEvery()
	if len(c.agree[0]) > 0 && step-c.agreeAt < every && step != 0 {
		return
	}
	c.agreeAt = step
	for i, r := range c.runs {
		if i >= 2 || r.View().Spec().Reference {
			continue
		}
		if d, _ := r.Diverged(); d {
			continue
		}
		c.agreeBuf = r.Agreement(c.agreeBuf)
		if len(c.agree[i]) != len(c.agreeBuf) {
			c.agree[i] = make([]anim.Series, len(c.agreeBuf))
			c.agreeSm[i] = make([]anim.Series, len(c.agreeBuf))
			c.agreeEMA[i] = make([]float64, len(c.agreeBuf))
			c.ratio[i] = make([]anim.Series, len(c.agreeBuf))
		}
		for k, a := range c.agreeBuf {
			x := float64(r.StepCount())
			c.agree[i][k].Add(x, a.Cosine)
			c.agreeSm[i][k].Add(x, c.smooth(i, k, a.Cosine))
			c.ratio[i][k].Add(x, anim.RatioY(a.NormRatio))
		}
	}
	if len(c.agree[0]) == 0 {
		c.agree[0] = []anim.Series{} // sampled at least once
	}
}

// agreeSmoothing is the weight of a new sample in the agreement plot's
// smoothed line (an exponential moving average over samples): about the
// last 1/agreeSmoothing samples count. The raw cosine of one batch's update
// is noisy — that is the physics of per-batch updates, not an error — and
// the raw line stays drawn, fainter, beneath.
const agreeSmoothing = 0.15

func (c *Compare) smooth(i, k int, v float64) float64 {
	e := &c.agreeEMA[i][k]
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return *e
	case len(c.agree[i][k].X) <= 1 || math.IsNaN(*e):
		*e = v
	default:
		*e += agreeSmoothing * (v - *e)
	}
	return *e
}

// agreeEvery is the agreement plot's sampling interval in steps: often at
// first, sparser as the run grows (the plot holds a bounded series).
func (c *Compare) agreeEvery() int {
	step, _ := c.Progress()
	return max(5, step/200)
}

// buildHeatmaps makes each panel's heatmap (and the images Draw shows it
// in) at the resolution the layout asks for, with its first picture: after
// the first layout, and when the size or heatQ changed.
func (c *Compare) buildHeatmaps() {
	if !c.planeData() {
		return
	}
	d := &c.draw
	for i := range min(2, len(c.runs)) {
		res, ures := d.heatRes[i][0], d.heatRes[i][1]
		if res == 0 || (c.heat[i] != nil && c.heat[i].Res == res && c.heat[i].UnitRes == ures) {
			continue
		}
		sizes := c.runs[i].View().Sizes()
		c.heat[i] = c.runs[i].View().NewHeatmap(res, ures)
		if d.plane[i] != nil {
			d.plane[i].Deallocate()
		}
		d.plane[i] = ebiten.NewImage(res, res)
		d.units[i].dispose()
		d.units[i] = newThumbSheet(sizes, ures)
		c.runs[i].RefreshHeatmap(c.heat[i])
		c.heatStep[i] = c.runs[i].StepCount()
		d.heatDirty[i] = true
	}
}

// refreshHeatmaps recomputes a run's grids when its weights changed, one
// run per tick so a frame never pays for both.
func (c *Compare) refreshHeatmaps() {
	if !c.planeData() {
		return
	}
	i := c.ticks % len(c.runs)
	if i >= 2 || c.heat[i] == nil {
		return
	}
	r := c.runs[i]
	if c.heatStep[i] == r.StepCount() {
		return
	}
	if d, _ := r.Diverged(); d {
		return
	}
	// While playing, a heatmap follows at most every heatEvery ticks of
	// its own (and only on its run's ticks: about 10 fresh pictures a
	// second, which look live), or less often when even its lowest
	// resolution is dear (heatInterval); the ticks between are left for
	// the training and the drawing. For the energy-based rules a refresh
	// settles the net at every cell.
	if c.wasPlaying && c.ticks-c.heatTick[i] < c.heatInterval(i) {
		return
	}
	start := time.Now()
	r.RefreshHeatmap(c.heat[i])
	c.heatStep[i], c.heatTick[i] = r.StepCount(), c.ticks
	c.draw.heatDirty[i] = true
	c.adaptHeat(i, float64(time.Since(start).Microseconds())/1000)
}

const heatEvery = 5

// heatInterval is how many ticks apart, at least, panel i's heatmap is
// refreshed while playing: heatEvery, or more when a refresh costs more
// than heatTickMs a tick on average even at the lowest resolution (a
// settled net of many units), so the frames stay smooth and the heatmap
// follows a few times a second.
func (c *Compare) heatInterval(i int) int {
	return max(heatEvery, int(math.Ceil(c.heatCost[i]/heatTickMs)))
}

const heatTickMs = 0.6

// adaptHeat lowers panel i's heatmap resolution when refreshing it costs
// more than heatSlowMs, and raises it back (never above what the screen
// size asks) when it costs less than heatFastMs. Each panel adapts to its
// own cost: a settled net's refresh costs ten times a feedforward one's,
// and one factor for both swung between the two, rebuilding both heatmaps
// every few refreshes. The next buildHeatmaps uses it.
func (c *Compare) adaptHeat(i int, ms float64) {
	const heatSlowMs, heatFastMs = 3, 0.8
	if c.heatCost[i] == 0 {
		c.heatCost[i] = ms
	}
	c.heatCost[i] += 0.2 * (ms - c.heatCost[i])
	q := c.heatQ[i]
	switch {
	case c.heatCost[i] > heatSlowMs && q > 0.4:
		q = math.Max(0.4, q*0.8)
	case c.heatCost[i] < heatFastMs && q < 1:
		q = math.Min(1, q*1.25)
	}
	if q != c.heatQ[i] {
		c.heatQ[i], c.heatCost[i] = q, 0
		// The next buildHeatmaps rebuilds it at the new resolution;
		// nothing else of the layout changes (the points stay drawn).
		if c.draw.heatRes[i][0] > 0 {
			c.setHeatRes(i)
		}
	}
}

// planeData reports whether the data are points of the plane.
func (c *Compare) planeData() bool {
	return len(c.runs) > 0 && c.runs[0].View().Plane() && len(c.runs[0].View().Train()) > 0
}

// metrics returns run i's metrics, computing them (a pass over the data,
// settled at every point for the energy-based rules) only when it has
// stepped, and while playing at most every metricsEvery ticks: the stats
// line changes five times a second, no faster than it can be read.
func (c *Compare) metrics(i int) engine.Metrics {
	r := c.runs[i]
	if c.metStep[i] != r.StepCount() && (!c.wasPlaying || c.metStep[i] < 0 || c.ticks-c.metTick[i] >= metricsEvery) {
		m, ok := engine.Metrics{}, false
		if h := r.History(); c.wasPlaying && len(h) > 0 && h[len(h)-1].Step > c.metStep[i] && r.StepCount()-h[len(h)-1].Step < metricsEvery*c.StepsPerTick() {
			// While playing, the loss curve's newest point (a few steps
			// back, with its own step on the line) saves a pass.
			m, ok = h[len(h)-1], true
		}
		if !ok {
			m = r.Metrics()
		}
		c.met[i], c.metStep[i], c.metTick[i] = m, m.Step, c.ticks
	}
	return c.met[i]
}

const metricsEvery = 12
