package assets

import _ "embed"

// The canvas's fonts: Go Regular and Go Bold (golang.org/x/image/font/gofont,
// BSD licence), subset by scripts/subsetfonts.sh to the Unicode blocks the
// page draws, without hinting. scenes/anim measures and draws with them.
var (
	//go:embed fonts/Go-Regular.ttf
	GoRegular []byte
	//go:embed fonts/Go-Bold.ttf
	GoBold []byte
)
