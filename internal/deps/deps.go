package deps
import (
 _ "github.com/hajimehoshi/ebiten/v2"
 _ "gonum.org/v1/gonum/mat"
 _ "gonum.org/v1/gonum/diff/fd"
 _ "github.com/chromedp/chromedp"
 _ "github.com/andybalholm/brotli"
)
