#!/usr/bin/env bash
# bench/run.sh — the engine benchmarks of issue 3 (`make bench`).
#
# Runs the Go benchmarks of ./engine natively and under GOOS=js GOARCH=wasm
# with node, the same jobs in convnetjs and TensorFlow.js (cpu backend) under
# node, then prints one Markdown summary (medians, min–max spreads, ratios)
# on stdout; everything else goes to stderr. About 5 minutes on 2 cores.
#
#	bench/run.sh                 # 5 repetitions
#	BENCH_COUNT=3 bench/run.sh   # fewer
set -euo pipefail
cd "$(dirname "$0")/.."

count=${BENCH_COUNT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

echo "== go test -bench, native (count $count)" >&2
go test -run '^$' -bench . -benchmem -count "$count" ./engine/ | tee "$tmp/native.txt" >&2

echo "== go test -bench, GOOS=js GOARCH=wasm under node (count $count)" >&2
PATH="$PATH:$(go env GOROOT)/lib/wasm" GOOS=js GOARCH=wasm \
	go test -run '^$' -bench . -benchmem -count "$count" ./engine/ | tee "$tmp/wasm.txt" >&2

if [ ! -d bench/node_modules/convnetjs ] || [ ! -d bench/node_modules/@tensorflow/tfjs ]; then
	echo "== npm ci --prefix bench" >&2
	npm ci --prefix bench --no-audit --no-fund >&2
fi

echo "== JS engines under node ($count repetitions)" >&2
go run ./bench/gendata >"$tmp/points.json"
# tfjs greets node users on stderr once; drop that banner.
node bench/jsbench.js "$tmp/points.json" "$count" 1 2> >(grep -v -e '^=*$' -e 'looks like you are running TensorFlow.js' >&2) |
	tee "$tmp/js.jsonl" >&2

GO_VERSION=$(go env GOVERSION) node bench/summary.js "$tmp/native.txt" "$tmp/wasm.txt" "$tmp/js.jsonl" "$load"
