package scenes

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes/anim"
)

// thumbSheet holds a panel's unit thumbnails in one image, each in a cell
// with a one-pixel border that repeats its edge, so a panel uploads its
// thumbnails with one WritePixels and draws them with one DrawTriangles.
// An image per unit cost a WritePixels and a DrawImage each: 54 of each
// for the [8, 8, 8] spiral's two panels. The border keeps linear
// filtering from mixing neighbours: sampling half a pixel past a
// thumbnail's edge reads its own edge, as DrawImage clamps a lone image.
type thumbSheet struct {
	img   *ebiten.Image
	res   int             // a thumbnail's side, in pixels
	cells [][]image.Point // cells[k][u]: the top-left pixel of unit u of layer k
	w, h  int
	pix   []byte // the whole sheet, RGBA
	one   []byte // one thumbnail, RGBA, for the caller to fill
	vs    []ebiten.Vertex
	is    []uint16
}

// newThumbSheet lays out thumbnails of res×res pixels for layers of the
// given sizes, in a near-square grid.
func newThumbSheet(sizes []int, res int) *thumbSheet {
	n := 0
	for _, s := range sizes {
		n += s
	}
	cols := 1
	for cols*cols < n {
		cols++
	}
	rows := max(1, (n+cols-1)/cols)
	cell := res + 2
	s := &thumbSheet{res: res, w: cols * cell, h: rows * cell, cells: make([][]image.Point, len(sizes))}
	i := 0
	for k, size := range sizes {
		s.cells[k] = make([]image.Point, size)
		for u := range size {
			s.cells[k][u] = image.Pt(i%cols*cell+1, i/cols*cell+1)
			i++
		}
	}
	s.img = ebiten.NewImage(s.w, s.h)
	s.pix = make([]byte, 4*s.w*s.h)
	s.one = make([]byte, 4*res*res)
	return s
}

// dispose frees the sheet's image.
func (s *thumbSheet) dispose() {
	if s != nil && s.img != nil {
		s.img.Deallocate()
		s.img = nil
	}
}

// has reports whether the sheet holds unit u of layer k.
func (s *thumbSheet) has(k, u int) bool {
	return s != nil && k < len(s.cells) && u < len(s.cells[k])
}

// rect is unit u of layer k's thumbnail on the sheet.
func (s *thumbSheet) rect(k, u int) image.Rectangle {
	p := s.cells[k][u]
	return image.Rect(p.X, p.Y, p.X+s.res, p.Y+s.res)
}

// thumb is unit u of layer k's thumbnail as an image of its own (a view of
// the sheet): DrawImage samples it clamped to its edges.
func (s *thumbSheet) thumb(k, u int) *ebiten.Image {
	return s.img.SubImage(s.rect(k, u)).(*ebiten.Image)
}

// upload has fill paint every thumbnail (res×res RGBA pixels, row by row)
// and writes the sheet in one WritePixels.
func (s *thumbSheet) upload(fill func(k, u int, pix []byte)) {
	row := 4 * s.w
	for k, layer := range s.cells {
		for u, p := range layer {
			fill(k, u, s.one)
			for y := -1; y <= s.res; y++ {
				src := s.one[4*s.res*min(max(y, 0), s.res-1):][:4*s.res]
				dst := s.pix[row*(p.Y+y)+4*(p.X-1):][:4*(s.res+2)]
				copy(dst[:4], src[:4])
				copy(dst[4:], src)
				copy(dst[4*(s.res+1):], src[4*(s.res-1):])
			}
		}
	}
	s.img.WritePixels(s.pix)
}

// add queues unit u of layer k's thumbnail, side×side, centred on at.
func (s *thumbSheet) add(k, u int, at anim.Point, side float64) {
	r := s.rect(k, u)
	x0, y0 := float32(at.X-side/2), float32(at.Y-side/2)
	x1, y1 := x0+float32(side), y0+float32(side)
	sx0, sy0, sx1, sy1 := float32(r.Min.X), float32(r.Min.Y), float32(r.Max.X), float32(r.Max.Y)
	n := uint16(len(s.vs))
	s.vs = append(s.vs,
		ebiten.Vertex{DstX: x0, DstY: y0, SrcX: sx0, SrcY: sy0, ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1},
		ebiten.Vertex{DstX: x1, DstY: y0, SrcX: sx1, SrcY: sy0, ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1},
		ebiten.Vertex{DstX: x0, DstY: y1, SrcX: sx0, SrcY: sy1, ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1},
		ebiten.Vertex{DstX: x1, DstY: y1, SrcX: sx1, SrcY: sy1, ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1},
	)
	s.is = append(s.is, n, n+1, n+2, n+1, n+3, n+2)
}

// flush draws the queued thumbnails onto dst, with linear filtering (as
// the lone images were drawn), and empties the queue.
func (s *thumbSheet) flush(dst *ebiten.Image) {
	if len(s.is) > 0 {
		dst.DrawTriangles(s.vs, s.is, s.img, &ebiten.DrawTrianglesOptions{Filter: ebiten.FilterLinear})
	}
	s.vs, s.is = s.vs[:0], s.is[:0]
}
