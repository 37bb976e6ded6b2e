#!/usr/bin/env bash
# subsetfonts.sh writes assets/fonts/Go-{Regular,Bold}.ttf: the Go fonts
# (golang.org/x/image/font/gofont, BSD licence, kept in the name table)
# cut to the Unicode blocks the canvas draws from, without TrueType hinting
# (the page rasterizes with HintingNone, so it never ran). 300 KB of fonts
# become 100 KB, 137 KB → 46 KB gzipped. Needs pyftsubset (Debian:
# python3-fonttools). scenes/anim's TestFontsHaveEveryGlyphTheSourcesUse
# fails when a string in the Go sources uses a character outside these
# blocks: add its block here and run this again.
set -euo pipefail
GO=${GO:-go}
blocks=(
  U+0020-007E # ASCII
  U+00A0-00FF # Latin-1: · × ± ² ½ é
  U+0100-024F # Latin Extended-A and -B (ȳ)
  U+0300-036F # combining marks (x̂)
  U+0370-03FF # Greek
  U+1D00-1DBF # phonetic extensions (ᵀ)
  U+2000-206F # punctuation: – — … ‖ ′
  U+2070-209F # super- and subscripts: ⁺ ⁻ ₂
  U+2190-21FF # arrows
  U+2200-22FF # mathematical operators: − √ ∂ ≤ ⊙
)
unicodes=$(printf '%s,' "${blocks[@]}")
dir=$($GO list -m -f '{{.Dir}}' golang.org/x/image)/font/gofont/ttfs
py=/usr/bin/python3
[[ -x $py ]] || py=python3
for face in Regular Bold; do
  "$py" -m fontTools.subset "$dir/Go-$face.ttf" --output-file="assets/fonts/Go-$face.ttf" \
    --unicodes="${unicodes%,}" --no-hinting --layout-features='*' --name-IDs='*' --name-legacy --notdef-outline
done
ls -l assets/fonts
