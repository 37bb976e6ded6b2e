// Summarizes one run of bench/run.sh as Markdown for the README: per
// benchmark case (engine.BenchCases), the median over the repetitions with
// its min–max spread for Propagate in wasm and natively, convnetjs and
// TensorFlow.js, TF Playground — timed in the same run when run.sh was given
// its nn.ts (TFP_NN), else issue 11's figures as measured elsewhere — and
// the ratios against the goals of issue 11.
//
//	node bench/summary.js DIR [load average]
//
// DIR holds native-N.json and wasm-N.json (`learn -bench -json`, one per
// repetition) and js.jsonl (bench/jsbench.js).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

// TF Playground's engine (nn.ts and the page's oneStep under node 20, on the
// same kind of machine, median of 5 alternating runs): issue 11's figures,
// used when run.sh did not time nn.ts itself. Machines of that kind differ
// by up to 3× between sittings, so a ratio to these is a rough one.
const TFP_ELSEWHERE = {
  'default/train': 1.69e6,
  'default/epoch': 0.76e6,
  'default/heatmap': 3.2,
  'spiral/train': 0.34e6,
};
const GOAL = 2; // wasm at least twice TF Playground's speed (half its time)
const CHL_GOAL = 6; // a CHL step at most 6 BP steps

function stats(xs) {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

const rate = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(0)} k` : v.toFixed(0));
const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const times = (x) => (x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);

function cell(st, fmt, unit) {
  if (!st) return '—';
  if (st.n === 1) return `${fmt(st.median)}${unit}`;
  return `${fmt(st.median)}${unit} (${fmt(st.min)}–${fmt(st.max)})`;
}

// readRuns collects `learn -bench -json` files: key → values, and the header.
function readRuns(dir, prefix) {
  const byKey = {};
  let header = null;
  for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(prefix + '-') && f.endsWith('.json')).sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    header = doc;
    for (const r of doc.bench) {
      const k = `${r.setup}/${r.job}/${r.rule}`;
      (byKey[k] = byKey[k] || []).push(r.msPerRefresh !== undefined ? r.msPerRefresh : r.examplesPerSec);
    }
  }
  return { byKey, header };
}

function main() {
  const [dir, load] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node summary.js DIR [load average]');
    process.exit(2);
  }
  const native = readRuns(dir, 'native');
  const wasm = readRuns(dir, 'wasm');
  const jsFile = path.join(dir, 'js.jsonl');
  const js = fs.existsSync(jsFile)
    ? fs.readFileSync(jsFile, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l))
    : [];
  // TF Playground gets a column of its own, the one the ratios divide by.
  const tfpHere = js.some((r) => r.engine === 'tfp');
  const jsEngines = [...new Set(js.map((r) => r.engine))].filter((e) => e !== 'tfp');
  const jsLabel = { convnetjs: 'convnetjs', 'tfjs-cpu': 'tfjs (cpu)' };
  const jsVersion = Object.fromEntries(js.map((r) => [r.engine, r.version]));
  // An engine may have several rows of one job (run.sh runs TF Playground a
  // repetition at a time, between Propagate's): their repetitions pool.
  const jsStats = (engine, setup, job, rule) => {
    if (rule !== 'bp') return null;
    const reps = js.filter((x) => x.engine === engine && x.setup === setup && x.job === job).flatMap((x) => x.reps);
    return reps.length ? stats(reps) : null;
  };
  const cases = native.header ? native.header.bench.map((r) => [r.setup, r.job, r.rule]) : [];
  const reps = Math.max(0, ...Object.values(wasm.byKey).map((v) => v.length));

  const out = [];
  const p = (s = '') => out.push(s);
  p('### Benchmarks (`make bench`: `learn -bench` natively and in wasm, bench/run.sh)');
  p();
  p(`Machine: ${os.cpus()[0].model}, ${os.cpus().length} cores; ${native.header ? native.header.go : 'Go ?'}, node ${process.version}` +
    (load ? `; load average at the start ${load}` : '') + '.');
  p(`Every cell: median of ${reps} runs (min–max), native, wasm${tfpHere ? " and TF Playground" : ""} taking turns, ` +
    `${native.header ? native.header.secondsPerCase : '?'} s per case after ${native.header ? native.header.warmSteps : '?'} warm-up steps. ` +
    '*train*: the training loop (batch, compute, apply); *epoch*: one pass over the 250 training points plus the loss on the training and test sets ' +
    '(TF Playground\'s oneStep), in training examples per second; *heatmap*: the output over 100×100 plus every unit over 10×10, ms per refresh. ' +
    `JS engines: ${jsEngines.map((e) => `${jsLabel[e] || e} ${jsVersion[e]}`).join(', ') || 'not run'} under node, the same points and batches.`);
  p();
  const jsCols = jsEngines.map((e) => ` ${jsLabel[e] || e} |`).join('');
  const tfpHead = tfpHere ? 'TF Playground (nn.ts, this run)' : 'TF Playground (measured elsewhere)';
  p(`| setup | job | rule | **Propagate, wasm** | Propagate, native |${jsCols} ${tfpHead} | wasm vs TFP |`);
  p(`| --- | --- | --- | ---: | ---: |${jsEngines.map(() => ' ---: |').join('')} ---: | ---: |`);
  const goals = [];
  for (const [setup, job, rule] of cases) {
    const k = `${setup}/${job}/${rule}`;
    const heat = job === 'heatmap';
    const fmt = heat ? ms : rate;
    const unit = heat ? ' ms' : '';
    const w = stats(wasm.byKey[k]);
    const n = stats(native.byKey[k]);
    const tfp = tfpHere ? jsStats('tfp', setup, job, rule) : null;
    const ref = tfpHere ? (tfp ? tfp.median : undefined) : rule === 'bp' ? TFP_ELSEWHERE[`${setup}/${job}`] : undefined;
    let vs = '—';
    if (ref && w) {
      const x = heat ? ref / w.median : w.median / ref;
      vs = times(x);
      goals.push(`${setup} ${job}: ${times(x)} (${x >= GOAL ? 'met' : 'not met'})`);
    }
    const jsCells = jsEngines.map((e) => ` ${cell(jsStats(e, setup, job, rule), fmt, unit)} |`).join('');
    const refCell = tfpHere ? cell(tfp, fmt, unit) : ref ? fmt(ref) + unit : '—';
    p(`| ${setup} | ${job} | ${rule} | **${cell(w, fmt, unit)}** | ${cell(n, fmt, unit)} |${jsCells} ${refCell} | ${vs} |`);
  }
  p();
  const chl = (run) => {
    const bp = stats(run.byKey['default/train/bp']);
    const c = stats(run.byKey['default/train/chl']);
    return bp && c ? bp.median / c.median : null;
  };
  const cw = chl(wasm);
  const cn = chl(native);
  if (cw) goals.push(`CHL step ÷ BP step: ${times(cw)} in wasm, ${times(cn)} native (goal ≤ ${CHL_GOAL}×: ${cw <= CHL_GOAL ? 'met' : 'not met'})`);
  p(`Against the goals (wasm at least ${GOAL}× TF Playground; heatmaps in at most half its time), ` +
    (tfpHere ? 'TF Playground timed in this run (its src/nn.ts, driven as its page drives it, on the same points): '
      : 'TF Playground as measured elsewhere (give run.sh TFP_NN=path/to/playground/src/nn.ts to time it here): ') + goals.join('; ') + '.');
  p('tfjs computes in float32; Propagate, convnetjs and TF Playground in float64.');
  console.log(out.join('\n'));
}

main();
