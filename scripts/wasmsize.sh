#!/usr/bin/env bash
# wasmsize.sh: the page's download beside a bare Ebitengine page's, then
# what takes space in main.wasm, summed by module and by package.
#
#   scripts/wasmsize.sh DIST BARE [TOP]
#
# DIST and BARE are built bundles (make dist, make bare): their main.wasm,
# .gz and .br are compared as served. The breakdown needs function names,
# which the shipped build strips (-s -w), so ./wasm is built again with
# them (same code) and read by scripts/wasmsize.go (go tool nm cannot read
# wasm). TOP 0 prints the comparison alone.
set -euo pipefail
GO=${GO:-go}
dist=${1:?usage: wasmsize.sh DIST BARE [TOP]}
bare=${2:?usage: wasmsize.sh DIST BARE [TOP]}
top=${3:-30}
size() { wc -c < "$1"; }
printf '%-14s %12s %12s %8s\n' file Propagate bare ratio
for f in main.wasm main.wasm.gz main.wasm.br; do
  a=$(size "$dist/$f") b=$(size "$bare/$f")
  awk -v f="$f" -v a="$a" -v b="$b" 'BEGIN { printf "%-14s %9.2f MB %9.2f MB %7.2fx\n", f, a / 1e6, b / 1e6, a / b }'
done
[[ $top == 0 ]] && exit 0 # the comparison alone
echo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOOS=js GOARCH=wasm $GO build -trimpath -o "$tmp/main.wasm" ./wasm
$GO run scripts/wasmsize.go -top "$top" "$tmp/main.wasm"
