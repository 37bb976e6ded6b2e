package app

import (
	"encoding/json"
	"fmt"

	"propagate/engine"
	"propagate/scenes"
	"propagate/scenes/anim"
)

// Own data on the page: the draw tool's settings (command "draw"), a CSV
// file read by the engine's reader (command "points"), the drafts the game
// applies (SetPoints), and what status().data says about them. The points
// themselves live in the settings (dataset=custom, points=…), so the link
// carries them like any setting.

// DataStatus is status().data.
type DataStatus struct {
	Points    int        `json:"points"`    // points of the custom dataset in use; 0 with a built-in set
	MaxPoints int        `json:"maxPoints"` // engine.MaxPoints
	Draw      DrawStatus `json:"draw"`
	// Planes are the scene's output planes, where the draw tool draws, in
	// CSS pixels of the page: x0, y0, x1, y1 (left plane first).
	Planes [][4]float64 `json:"planes"`
	// Notice is what reading the last file did: how many points, and the
	// reader's warnings (rows skipped with their first line numbers,
	// points scaled in, …).
	Notice []string `json:"notice"`
}

// DrawStatus is the draw tool as the panel shows it.
type DrawStatus struct {
	anim.DrawSettings
	Draft   int  `json:"draft"`   // points drawn (the tool's draft)
	Pending bool `json:"pending"` // the draft is not the runs' data: it waits for engine.MinPoints
	Full    bool `json:"full"`    // an add was refused: engine.MaxPoints
	// Cursor is the keyboard cursor, in plane units.
	Cursor [2]float64 `json:"cursor"`
}

// pointsFile is command("points")'s argument: a file's name and text.
type pointsFile struct {
	Name string `json:"name"`
	CSV  string `json:"csv"`
}

// dataCommandLocked runs "draw" and "points".
func (a *App) dataCommandLocked(name, arg string) {
	regression := a.cfg.Problem == "regression"
	switch name {
	case "draw":
		action, err := a.status.Data.Draw.Command(arg, regression)
		if err != nil {
			a.status.Error = err.Error()
			return
		}
		if action != "" {
			a.sceneCmds = append(a.sceneCmds, SceneCommand{"draw", action})
		}
	case "points":
		var f pointsFile
		if err := json.Unmarshal([]byte(arg), &f); err != nil {
			a.status.Error = "points: want {\"name\": …, \"csv\": …}: " + err.Error()
			return
		}
		if f.Name == "" {
			f.Name = "the file"
		}
		points, report, err := engine.ParsePointsCSV(f.Name, []byte(f.CSV), regression)
		if err != nil {
			a.status.Error = err.Error() + "; nothing changed"
			return
		}
		a.setPointsLocked(points, false)
		a.status.Data.Notice = append([]string{fmt.Sprintf("%s: %d points read", f.Name, len(points))}, report.Warnings()...)
	}
}

// SetPoints makes points (a draft of the draw tool, a copied dataset) the
// custom dataset: they are cleaned as a link's points are, and the runs
// start over on them from the same initial weights. clearNoise sets the
// noise to 0, for points that hold their noise already (a copy).
func (a *App) SetPoints(points []engine.Point, clearNoise bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	clean, _ := engine.CleanPoints(points, a.cfg.Problem == "regression")
	if len(clean) < engine.MinPoints {
		return
	}
	a.setPointsLocked(clean, clearNoise)
	a.status.Data.Notice = nil
	a.status.Link = a.linkLocked()
}

func (a *App) setPointsLocked(points []engine.Point, clearNoise bool) {
	// The settings in force now, as a reset takes them.
	cfg := a.cfg.At(a.status.Step)
	cfg.Changes = nil
	cfg.Dataset, cfg.Points = engine.CustomDataset, points
	if clearNoise {
		cfg.Noise = 0
	}
	cfg.Step = 0
	a.cfg = cfg
	a.status.Config = a.configValuesLocked()
	a.resetLocked(0)
}

// DrawSettings are the draw tool's settings the panel chose.
func (a *App) DrawSettings() anim.DrawSettings {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status.Data.Draw.Fit(a.cfg.Problem == "regression")
	return a.status.Data.Draw.DrawSettings
}

// SetDraft reports the draw tool's draft, and the planes it draws on (in
// CSS pixels), for status().data.
func (a *App) SetDraft(t *anim.DrawTool, planes [][4]float64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	d := &a.status.Data.Draw
	d.Draft, d.Pending, d.Full, d.Cursor = len(t.Draft()), t.Pending() && !t.Pressed(), t.Full, t.Cursor
	a.status.Data.Planes = planes
}

// ExportName is the file name of an export of the demo now: its rules,
// dataset and step.
func (a *App) ExportName(ext string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return exportName(a.cfg, a.status.Step, ext)
}

// drawCommand runs a draw command of the page on the game's tool; it
// reports whether the command was one.
func (g *Game) drawCommand(c SceneCommand, l scenes.Learner) bool {
	if c.Name != "draw" {
		return false
	}
	g.drawUpdate(l)
	switch c.Arg {
	case anim.DrawClear:
		g.draw.Clear()
	case anim.DrawCopy:
		runs := l.Runs()
		if len(runs) == 0 {
			break
		}
		points := runs[0].View().Points()
		if len(points) < engine.MinPoints {
			g.app.Fail("copy: the " + runs[0].View().DatasetName() + " dataset is not points in the plane")
			break
		}
		g.app.SetPoints(points, true)
	}
	return true
}

// drawUpdate gives the scene the tool with the panel's settings, before
// the scene's Update. A scene new since the last tick has new runs: the
// tool's draft becomes their points.
func (g *Game) drawUpdate(l scenes.Learner) {
	if g.draw == nil {
		g.draw = anim.NewDrawTool()
	}
	if l != g.drawFor {
		g.drawFor = l
		g.draw.Sync(g.app.Config().Points)
	}
	g.draw.Set(g.app.DrawSettings())
	if d, ok := l.(scenes.Drawer); ok {
		d.SetDrawTool(g.draw)
	}
}

// drawCommit applies a finished edit, after the scene's Update.
func (g *Game) drawCommit(l scenes.Learner) {
	if points, ok := g.draw.TakeCommit(); ok {
		g.app.SetPoints(points, false)
	}
	var planes [][4]float64
	if d, ok := l.(scenes.Drawer); ok {
		for _, r := range d.Planes() {
			planes = append(planes, [4]float64{r.Min.X / g.scale, r.Min.Y / g.scale, r.Max.X / g.scale, r.Max.Y / g.scale})
		}
	}
	g.app.SetDraft(g.draw, planes)
}

// dataStatusLocked is status().data, its slices the caller's own.
func (a *App) dataStatusLocked() DataStatus {
	d := a.status.Data
	d.Points, d.MaxPoints = len(a.cfg.Points), engine.MaxPoints
	d.Notice = append([]string{}, d.Notice...)
	d.Planes = append([][4]float64{}, d.Planes...)
	return d
}
