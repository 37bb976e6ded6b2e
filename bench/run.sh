#!/usr/bin/env bash
# bench/run.sh — `make bench`: Propagate's engine beside the JS engines.
#
# Runs `learn -bench -json` (engine.BenchCases: TF Playground's default and
# spiral nets; the training loop, an epoch with its losses, a heatmap
# refresh) natively and as wasm under node, taking turns with TF Playground
# when it is given, then the same training and heatmap jobs in convnetjs and
# TensorFlow.js (cpu backend) under node, and prints one Markdown summary
# (medians, min–max spreads, ratios) on stdout; everything else goes to
# stderr. About 5 minutes.
#
# TF Playground's own engine is not shipped here: give TFP_NN the path of
# its src/nn.ts (a checkout of tensorflow/playground) and it is timed in the
# same run, on the same points, and the ratios divide by it; without it they
# divide by issue 11's figures, measured elsewhere.
#
#	bench/run.sh                                  # 5 repetitions, 1 s per case
#	BENCH_COUNT=3 BENCH_SECONDS=0.5 bench/run.sh  # quicker
#	TFP_NN=../playground/src/nn.ts bench/run.sh   # TF Playground in the same run
set -euo pipefail
cd "$(dirname "$0")/.."

count=${BENCH_COUNT:-5}
seconds=${BENCH_SECONDS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
if [ -n "${TFP_NN:-}" ]; then
	if [ ! -f "$TFP_NN" ]; then
		echo "bench: TFP_NN=$TFP_NN is not a file; it should be TF Playground's src/nn.ts" >&2
		exit 2
	fi
	TFP_NN=$(realpath "$TFP_NN")
	export TFP_NN
fi

echo "== building learn natively and for GOOS=js GOARCH=wasm" >&2
go build -o "$tmp/learn" ./engine/cmd/learn
GOOS=js GOARCH=wasm go build -o "$tmp/learn.wasm" ./engine/cmd/learn
wasm_exec="$(go env GOROOT)/lib/wasm/wasm_exec_node.js"

if [ ! -d bench/node_modules/convnetjs ] || [ ! -d bench/node_modules/@tensorflow/tfjs ] || [ ! -d bench/node_modules/typescript ]; then
	echo "== npm ci --prefix bench" >&2
	npm ci --prefix bench --no-audit --no-fund >&2
fi
go run ./bench/gendata >"$tmp/points.json"

# jsbench ENGINES REPS: the JS engines' rows, appended to js.jsonl. tfjs
# greets node users on stderr once; drop that banner.
jsbench() {
	JSBENCH_ENGINES=$1 node bench/jsbench.js "$tmp/points.json" "$2" "$seconds" \
		2> >(grep -v -e '^=*$' -e 'looks like you are running TensorFlow.js' >&2) |
		tee -a "$tmp/js.jsonl" >&2
}

# Propagate and TF Playground take turns, a repetition each, so that a slow
# spell of the machine (they last minutes on a shared VM) slows both.
for i in $(seq "$count"); do
	echo "== learn -bench, native then wasm under node${TFP_NN:+, then TF Playground} ($i/$count)" >&2
	"$tmp/learn" -bench -seconds "$seconds" -json >"$tmp/native-$i.json"
	node "$wasm_exec" "$tmp/learn.wasm" -bench -seconds "$seconds" -json >"$tmp/wasm-$i.json"
	if [ -n "${TFP_NN:-}" ]; then jsbench tfp 1; fi
done

echo "== convnetjs and tfjs under node ($count repetitions)" >&2
jsbench convnetjs,tfjs-cpu "$count"

node bench/summary.js "$tmp" "$load"
