// Command comparedemo opens the compare scene in a native window, for work
// on drawing. With -shot it renders named moments at a given size into PNG
// files and exits (run it under xvfb-run on a machine without a display):
//
//	go run ./scenes/comparedemo -size 1280x720 -shot out/screenshots/native
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes"
	"propagate/scenes/anim"
)

var (
	profileFrames int
	profileStart  time.Time
)

type game struct {
	c      *scenes.Compare
	w, h   int
	shot   string
	moment []string // commands to reach each moment: "train:300", "phase:backward"
	frame  int
	wait   int
	done   bool
}

// area is where the scene draws: the window less a margin.
func (g *game) area() anim.Rect {
	return anim.Rect{Min: anim.Point{X: 8, Y: 8}, Max: anim.Point{X: float64(g.w) - 8, Y: float64(g.h) - 8}}
}

func (g *game) Update() error {
	if g.done {
		return ebiten.Termination
	}
	g.c.Layout(g.area(), scenes.DeviceScale())
	if g.shot == "" {
		if profileFrames > 0 {
			g.frame++
			if g.frame == 1 {
				profileStart = time.Now()
			}
			if g.frame >= profileFrames {
				log.Printf("%d frames in %v", g.frame, time.Since(profileStart))
				return ebiten.Termination
			}
		}
		g.c.Advance(g.c.StepsPerTick())
		g.c.Update(true)
		return nil
	}
	g.c.UpdateWith(false, scenes.Intents{Pointer: anim.Point{X: -1, Y: -1}})
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	// The page's background shows through where the scene draws nothing;
	// here the window is that background.
	screen.Fill(anim.Background)
	b := screen.Bounds()
	if g.shot == "" {
		g.c.Draw(screen)
		return
	}
	if len(g.moment) == 0 {
		g.done = true
		return
	}
	m := g.moment[0]
	name, arg, _ := strings.Cut(m, ":")
	if g.wait == 0 {
		switch name {
		case "train":
			g.c.Command("mode", "train")
			var n int
			fmt.Sscan(arg, &n)
			g.c.Advance(n)
		default:
			if err := g.c.Command("phase", arg); err != nil {
				log.Print(err)
			}
		}
	}
	g.c.Update(false)
	g.c.Draw(screen)
	g.wait++
	if g.wait < 3 {
		return
	}
	g.wait = 0
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	file := fmt.Sprintf("%s-%dx%d-%s.png", g.shot, g.w, g.h, strings.ReplaceAll(m, ":", "-"))
	f, err := os.Create(file)
	if err != nil {
		log.Fatal(err)
	}
	png.Encode(f, img)
	f.Close()
	log.Print(file)
	g.moment = g.moment[1:]
}

func (g *game) Layout(w, h int) (int, int) { return g.w, g.h }

func main() {
	size := flag.String("size", "1280x720", "window size")
	link := flag.String("link", "", "link (hash)")
	shot := flag.String("shot", "", "file prefix: render moments to PNG and exit")
	moments := flag.String("moments", "phase:forward,phase:backward,phase:clamped,phase:hebbian,train:400", "moments to shoot")
	prof := flag.String("cpuprofile", "", "write a CPU profile of -frames frames")
	frames := flag.Int("frames", 300, "frames to profile")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
		profileFrames = *frames
	}
	cfg, warns := engine.DecodeLink(*link)
	for _, w := range warns {
		log.Print(w)
	}
	c, err := scenes.NewCompare(cfg)
	if err != nil {
		log.Fatal(err)
	}
	g := &game{c: c, shot: *shot}
	fmt.Sscanf(*size, "%dx%d", &g.w, &g.h)
	if *shot != "" {
		g.moment = strings.Split(*moments, ",")
	}
	ebiten.SetWindowSize(g.w, g.h)
	ebiten.SetWindowTitle("Propagate: compare")
	if err := ebiten.RunGame(g); err != nil && err != ebiten.Termination {
		log.Fatal(err)
	}
}
