// Summarizes one run of bench/run.sh as Markdown for the README: setup ×
// engine → median examples/s and heatmap ms with their min–max spread over
// the repetitions, and the ratios of Propagate's wasm engine to the others.
//
//	node bench/summary.js native.txt wasm.txt js.jsonl [load average]
'use strict';

const fs = require('fs');
const os = require('os');

// The TF Playground numbers the issue quotes (nn.ts under node 20 on this
// kind of machine). They are not measured by run.sh.
const REFERENCE = {
  'tfp-default': { train: 2.2e6, heatmap: 4.7 },
  'spiral-888': { train: 0.5e6, heatmap: 13 },
};
const GOAL = 2; // ours (wasm) at least twice as fast as TF Playground's engine
const SETUPS = [
  ['tfp-default', 'TF Playground default: circle, 2 → 4 → 2 → 1 tanh, batch 10'],
  ['spiral-888', 'spiral, 2 → 8 → 8 → 8 → 1 tanh, batch 10'],
];

// parseGo reads `go test -bench` output: name → unit → values (one per -count).
function parseGo(file) {
  const rows = [];
  const header = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const h = line.match(/^(goos|goarch|cpu|pkg):\s*(.*)$/);
    if (h) header[h[1]] = h[2].trim();
    const f = line.trim().split(/\s+/);
    if (!f[0] || !f[0].startsWith('Benchmark') || f.length < 4 || !/^\d+$/.test(f[1])) continue;
    const m = {};
    for (let i = 2; i + 1 < f.length; i += 2) m[f[i + 1]] = Number(f[i]);
    rows.push({ name: f[0], m });
  }
  // Natively every name ends in -GOMAXPROCS; under wasm (one P) none does.
  const suffixes = new Set(rows.map((r) => (r.name.match(/-\d+$/) || [''])[0]));
  const strip = suffixes.size === 1 ? [...suffixes][0] : '';
  const byName = {};
  for (const { name, m } of rows) {
    const n = strip ? name.slice(0, -strip.length) : name;
    byName[n] = byName[n] || {};
    for (const [unit, v] of Object.entries(m)) (byName[n][unit] = byName[n][unit] || []).push(v);
  }
  return { header, byName };
}

function stats(xs) {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

function rate(v) {
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} k`;
  return v.toFixed(0);
}

function ms(v) {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function cell(st, fmt) {
  if (!st) return 'n/a';
  return `${fmt(st.median)} (${fmt(st.min)}–${fmt(st.max)})`;
}

function times(x) {
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`;
}

// ratio of speeds, "ours ÷ theirs" for rates (higher is faster) and
// "theirs ÷ ours" for times, with the range the spreads allow.
function ratio(ours, theirs, higherIsFaster) {
  if (!ours || !theirs) return null;
  if (higherIsFaster) {
    return { median: ours.median / theirs.median, min: ours.min / theirs.max, max: ours.max / theirs.min };
  }
  return { median: theirs.median / ours.median, min: theirs.min / ours.max, max: theirs.max / ours.min };
}

function ratioCell(r, exact) {
  if (!r) return 'n/a';
  if (exact) return times(r.median);
  return `${times(r.median)} (${times(r.min)}–${times(r.max)})`;
}

function main() {
  const [nativeFile, wasmFile, jsFile, load] = process.argv.slice(2);
  if (!jsFile) {
    console.error('usage: node summary.js native.txt wasm.txt js.jsonl [load average]');
    process.exit(2);
  }
  const native = parseGo(nativeFile);
  const wasm = parseGo(wasmFile);
  const js = fs.readFileSync(jsFile, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
  const jsEngines = [...new Set(js.map((r) => r.engine))];
  const jsVersion = Object.fromEntries(js.map((r) => [r.engine, r.version]));
  const jsLabel = { convnetjs: 'convnetjs', 'tfjs-cpu': '@tensorflow/tfjs' };
  const jsSuffix = { 'tfjs-cpu': ', cpu backend' };

  const go = (run, bench, setup, unit) => stats((run.byName[`${bench}/${setup}`] || {})[unit]);
  const jsStats = (engine, setup, job) => {
    const r = js.find((x) => x.engine === engine && x.setup === setup && x.job === job);
    return r ? stats(r.reps) : null;
  };
  const reps = Math.max(
    ...Object.values(native.byName).map((u) => (u['ns/op'] || []).length),
    ...js.map((r) => r.reps.length),
  );

  const out = [];
  const p = (s = '') => out.push(s);
  p('### Benchmarks (`make bench`, bench/run.sh)');
  p();
  p(`Machine: ${native.header.cpu || os.cpus()[0].model}, ${os.cpus().length} cores; ` +
    `Go ${process.env.GO_VERSION || '?'}, node ${process.version}` +
    (load ? `; load average at the start ${load}` : '') + '.');
  p(`Every cell: median over ${reps} repetitions (min–max). Training is Run.Step with backprop ` +
    '(SGD, lr 0.03, batch 10, ½ squared error, 250 training points, the same points for every engine); ' +
    'a heatmap refresh is the output over a 100×100 grid of the input plane plus every unit over a 10×10 grid.');
  p();
  p('| setup | engine | training, examples/s | heatmap refresh, ms |');
  p('| --- | --- | ---: | ---: |');
  const rows = {};
  for (const [setup] of SETUPS) {
    const r = (rows[setup] = {});
    r.native = { train: go(native, 'BenchmarkTrainBackprop', setup, 'examples/s'), heatmap: go(native, 'BenchmarkHeatmapRefresh', setup, 'ms/refresh') };
    r.wasm = { train: go(wasm, 'BenchmarkTrainBackprop', setup, 'examples/s'), heatmap: go(wasm, 'BenchmarkHeatmapRefresh', setup, 'ms/refresh') };
    for (const e of jsEngines) r[e] = { train: jsStats(e, setup, 'train'), heatmap: jsStats(e, setup, 'heatmap') };
    const ref = REFERENCE[setup];
    const line = (name, v) => p(`| ${setup} | ${name} | ${cell(v.train, rate)} | ${cell(v.heatmap, ms)} |`);
    line('**Propagate, wasm (node)**', r.wasm);
    line('Propagate, native Go', r.native);
    for (const e of jsEngines) line(`${jsLabel[e] || e} ${jsVersion[e]}${jsSuffix[e] || ''} (node)`, r[e]);
    p(`| ${setup} | TF Playground nn.ts — *reference, not measured here* | ≈ ${rate(ref.train)} | ≈ ${ms(ref.heatmap)} |`);
  }
  p();
  p('Ratios of Propagate in wasm to each engine, from the medians (range from the spreads); above 1× ours is faster. ' +
    'Heatmap ratios are their time ÷ ours.');
  p();
  p('| setup | Propagate wasm vs | training speed | heatmap speed |');
  p('| --- | --- | ---: | ---: |');
  const goals = [];
  for (const [setup] of SETUPS) {
    const r = rows[setup];
    const line = (name, v, exact) => p(`| ${setup} | ${name} | ${ratioCell(ratio(r.wasm.train, v.train, true), exact)} | ${ratioCell(ratio(r.wasm.heatmap, v.heatmap, false), exact)} |`);
    line('Propagate, native Go', r.native);
    for (const e of jsEngines) line(`${jsLabel[e] || e}${jsSuffix[e] || ''}`, r[e]);
    const ref = REFERENCE[setup];
    const refStats = { train: stats([ref.train]), heatmap: stats([ref.heatmap]) };
    const tr = ratio(r.wasm.train, refStats.train, true);
    const hm = ratio(r.wasm.heatmap, refStats.heatmap, false);
    p(`| ${setup} | TF Playground nn.ts — *reference, not measured here* | ${ratioCell(tr)} | ${ratioCell(hm)} |`);
    const verdict = (x) => (!x ? 'n/a' : x.median >= GOAL ? 'met' : `not met (${times(x.median)})`);
    goals.push(`${setup}: training ${verdict(tr)}, heatmap ${verdict(hm)}`);
  }
  p();
  p(`Goal (wasm at least ${GOAL}× TF Playground's engine in training speed, heatmap refresh in at most half its time): ` + goals.join('; ') + '.');
  const allocs = (run) => [...new Set(SETUPS.flatMap(([s]) => (run.byName[`BenchmarkTrainBackprop/${s}`] || {})['allocs/op'] || []))];
  p(`Allocations per training step (-benchmem): native ${allocs(native).join('/') || 'n/a'}, wasm ${allocs(wasm).join('/') || 'n/a'} allocs/op.`);
  p('tfjs computes in float32; Propagate and convnetjs in float64.');

  // Any other engine benchmarks in the package, for completeness.
  const ours = new Set(SETUPS.flatMap(([s]) => [`BenchmarkTrainBackprop/${s}`, `BenchmarkHeatmapRefresh/${s}`]));
  const others = [...new Set([...Object.keys(native.byName), ...Object.keys(wasm.byName)])].filter((n) => !ours.has(n)).sort();
  if (others.length) {
    p();
    p('Other engine benchmarks, ns/op:');
    p();
    p('| benchmark | native | wasm |');
    p('| --- | ---: | ---: |');
    const ns = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
    for (const n of others) {
      p(`| ${n.replace(/^Benchmark/, '')} | ${cell(stats((native.byName[n] || {})['ns/op']), ns)} | ${cell(stats((wasm.byName[n] || {})['ns/op']), ns)} |`);
    }
  }
  console.log(out.join('\n'));
}

main();
