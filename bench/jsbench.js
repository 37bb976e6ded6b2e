// The benchmark jobs of engine/bench_test.go, in engines a user might pick
// instead of Propagate's: convnetjs, TensorFlow.js (@tensorflow/tfjs on its
// cpu backend; tfjs-core alone registers no gradients in node) and, when
// TFP_NN names TF Playground's src/nn.ts (from a checkout of
// tensorflow/playground; it is not shipped here), TF Playground's own engine,
// transpiled with typescript and driven as its page drives it. run.sh runs
// it; the points come from bench/gendata, so every engine trains on the same
// 250 points in the same batch order.
//
//	node bench/jsbench.js points.json [reps] [seconds per rep]
//	TFP_NN=../playground/src/nn.ts node bench/jsbench.js points.json
//
// Jobs, per setup and engine:
//   train    SGD, learning rate and batch size of the setup (0.03, 10), tanh
//            everywhere, ½ squared error averaged over the batch, batches
//            taken consecutively from the training points, wrapping around;
//            reports examples/s.
//   epoch    (TF Playground only) its page's oneStep: one pass over the
//            training points, updating after every batch, then the mean
//            loss on the training and test points; reports training
//            examples/s.
//   heatmap  the output over a 100×100 grid of [-6,6]² plus every unit over
//            a 10×10 grid, copied into plain arrays; reports ms per refresh.
// Each rep runs a job for at least the given seconds after one untimed
// warm-up rep; one JSON line per engine × setup × job goes to stdout.
'use strict';

const fs = require('fs');
const convnetjs = require('convnetjs');
const tf = require('@tensorflow/tfjs');

const PLANE = 6; // engine.PlaneExtent
const RES = 100;
const UNIT_RES = 10;

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

// mulberry32: a small seeded PRNG for the initial weights.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// tfpInit returns TF Playground's initial weights for layer sizes: W[k] as
// rows of units (n_k × n_{k-1}) uniform in [-0.5, 0.5], biases 0.1.
function tfpInit(sizes, seed) {
  const r = rng(seed);
  const layers = [];
  for (let k = 1; k < sizes.length; k++) {
    const w = [];
    for (let i = 0; i < sizes[k]; i++) {
      const row = [];
      for (let j = 0; j < sizes[k - 1]; j++) row.push(r() - 0.5);
      w.push(row);
    }
    layers.push({ w, b: new Array(sizes[k]).fill(0.1) });
  }
  return layers;
}

// grid returns the cell centres of a res×res grid of the plane, row 0 at the
// top, as [x, y] pairs — the grids of engine.Heatmap.
function grid(res) {
  const pts = [];
  for (let r = 0; r < res; r++) {
    const y = PLANE - (r + 0.5) * 2 * PLANE / res;
    for (let c = 0; c < res; c++) {
      pts.push([-PLANE + (c + 0.5) * 2 * PLANE / res, y]);
    }
  }
  return pts;
}

// ---- convnetjs ----

function convnetEngine(setup) {
  const { sizes } = setup;
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: sizes[0] }];
  for (let k = 1; k < sizes.length; k++) {
    defs.push({ type: 'fc', num_neurons: sizes[k], activation: setup.activation });
  }
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  // The regression layer (½ squared error) goes after the tanh output; the
  // 'regression' def would add a linear fc layer of its own before it.
  net.layers.push(new convnetjs.RegressionLayer({ in_sx: 1, in_sy: 1, in_depth: sizes[sizes.length - 1] }));
  const fcs = net.layers.filter((l) => l.layer_type === 'fc');
  tfpInit(sizes, 1).forEach((layer, k) => {
    layer.w.forEach((row, i) => row.forEach((v, j) => { fcs[k].filters[i].w[j] = v; }));
    layer.b.forEach((v, i) => { fcs[k].biases.w[i] = v; });
  });
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd', learning_rate: setup.learningRate, momentum: 0,
    batch_size: setup.batchSize, l1_decay: 0, l2_decay: 0,
  });
  const nIn = sizes[0];
  const toVol = (p) => {
    const v = new convnetjs.Vol(1, 1, nIn, 0);
    for (let j = 0; j < nIn; j++) v.w[j] = p[j];
    return v;
  };
  const xs = setup.train.map(toVol);
  const ys = setup.train.map((p) => p.slice(nIn));
  let next = 0;
  // Activity layers in order: input, then each activation layer.
  const acts = [net.layers[0], ...net.layers.filter((l) => l.layer_type === setup.activation)];
  const out = new Float64Array(RES * RES);
  const units = acts.map((_, k) => Array.from({ length: sizes[k] }, () => new Float64Array(UNIT_RES * UNIT_RES)));
  const big = grid(RES).map(toVol);
  const small = grid(UNIT_RES).map(toVol);
  return {
    // trainSteps makes n updates (n batches); returns the examples seen.
    trainSteps(n) {
      const bs = setup.batchSize;
      for (let s = 0; s < n; s++) {
        for (let e = 0; e < bs; e++) {
          trainer.train(xs[next], ys[next]);
          next = (next + 1) % xs.length;
        }
      }
      return n * bs;
    },
    refresh() {
      for (let p = 0; p < big.length; p++) out[p] = net.forward(big[p]).w[0];
      for (let p = 0; p < small.length; p++) {
        net.forward(small[p]);
        for (let k = 0; k < acts.length; k++) {
          const w = acts[k].out_act.w;
          const u = units[k];
          for (let i = 0; i < u.length; i++) u[i][p] = w[i];
        }
      }
    },
    check() {
      return out[0];
    },
  };
}

// ---- TensorFlow.js (cpu backend) ----

function tfjsEngine(setup) {
  const { sizes } = setup;
  const nIn = sizes[0];
  const nOut = sizes[sizes.length - 1];
  const act = { tanh: tf.tanh, sigmoid: tf.sigmoid, relu: tf.relu, linear: (x) => x }[setup.activation];
  // W[k] is n_{k-1} × n_k: row vectors times W.
  const vars = [];
  const layers = tfpInit(sizes, 1).map((layer) => {
    const wT = layer.w[0].map((_, j) => layer.w.map((row) => row[j]));
    const w = tf.variable(tf.tensor2d(wT));
    const b = tf.variable(tf.tensor1d(layer.b));
    vars.push(w, b);
    return { w, b };
  });
  const forwardAll = (x) => {
    const xs = [x];
    for (const { w, b } of layers) {
      x = act(tf.add(tf.matMul(x, w), b));
      xs.push(x);
    }
    return xs;
  };
  const forward = (x) => {
    for (const { w, b } of layers) x = act(tf.add(tf.matMul(x, w), b));
    return x;
  };
  const bs = setup.batchSize;
  const nBatches = setup.train.length / bs;
  if (!Number.isInteger(nBatches)) throw new Error('training set is not a whole number of batches');
  const batches = [];
  for (let i = 0; i < nBatches; i++) {
    const pts = setup.train.slice(i * bs, (i + 1) * bs);
    batches.push({
      x: tf.tensor2d(pts.map((p) => p.slice(0, nIn))),
      y: tf.tensor2d(pts.map((p) => p.slice(nIn))),
    });
  }
  const opt = tf.train.sgd(setup.learningRate);
  let next = 0;
  const bigGrid = tf.tensor2d(grid(RES));
  const smallGrid = tf.tensor2d(grid(UNIT_RES));
  const out = new Float64Array(RES * RES);
  const units = sizes.map((n) => Array.from({ length: n }, () => new Float64Array(UNIT_RES * UNIT_RES)));
  return {
    trainSteps(n) {
      for (let s = 0; s < n; s++) {
        const { x, y } = batches[next];
        // ½ squared error summed over the outputs, averaged over the batch.
        opt.minimize(() => tf.mean(tf.sum(tf.mul(0.5, tf.squaredDifference(forward(x), y)), 1)), false, vars);
        next = (next + 1) % nBatches;
      }
      return n * bs;
    },
    refresh() {
      const o = tf.tidy(() => forward(bigGrid));
      const od = o.dataSync();
      for (let p = 0; p < od.length; p++) out[p] = od[p * nOut];
      o.dispose();
      const xs = tf.tidy(() => forwardAll(smallGrid));
      xs.forEach((t, k) => {
        const d = t.dataSync();
        const n = sizes[k];
        const u = units[k];
        for (let p = 0; p < UNIT_RES * UNIT_RES; p++) {
          for (let i = 0; i < n; i++) u[i][p] = d[p * n + i];
        }
        if (k > 0) t.dispose(); // xs[0] is smallGrid itself
      });
    },
    check() {
      return out[0];
    },
    tensors() {
      return tf.memory().numTensors;
    },
  };
}

// ---- TF Playground (its src/nn.ts, when TFP_NN names it) ----

// loadTFP transpiles TF Playground's nn.ts (TypeScript, its own module) to
// CommonJS in a file of its own and requires it, as a bundler's output is
// loaded: the same code run through new Function trains about 30 % slower
// under node 20.
function loadTFP(file) {
  const ts = require('typescript');
  const os = require('os');
  const path = require('path');
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2017 },
    fileName: file,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfp-'));
  const js = path.join(dir, 'nn.js');
  fs.writeFileSync(js, out.outputText);
  const nn = require(js);
  fs.rmSync(dir, { recursive: true });
  for (const f of ['buildNetwork', 'forwardProp', 'backProp', 'updateWeights']) {
    if (typeof nn[f] !== 'function') throw new Error(`${file}: no ${f}; is it TF Playground's src/nn.ts?`);
  }
  return nn;
}

// tfpEngine drives TF Playground's engine as its page does (playground.ts):
// a node-and-link network from buildNetwork, forwardProp and backProp one
// example at a time, updateWeights after each batch, getLoss over a set;
// the heatmaps read each node's output after a forwardProp. The inputs are
// made once, where the page builds an array per example (constructInput):
// if anything, in TF Playground's favour.
function tfpEngine(nn, setup) {
  const { sizes } = setup;
  const nIn = sizes[0];
  if (sizes[sizes.length - 1] !== 1) throw new Error('TF Playground nets have one output');
  const act = { tanh: nn.Activations.TANH, sigmoid: nn.Activations.SIGMOID, relu: nn.Activations.RELU, linear: nn.Activations.LINEAR }[setup.activation];
  const net = nn.buildNetwork(sizes, act, act, null, setup.features, false);
  tfpInit(sizes, 1).forEach((layer, k) => {
    net[k + 1].forEach((node, i) => {
      node.bias = layer.b[i];
      node.inputLinks.forEach((link, j) => { link.weight = layer.w[i][j]; });
    });
  });
  const split = (pts) => pts.map((p) => ({ input: p.slice(0, nIn), label: p[nIn] }));
  const train = split(setup.train);
  const test = split(setup.test);
  const bs = setup.batchSize;
  const lr = setup.learningRate;
  const learn = (p) => {
    nn.forwardProp(net, p.input);
    nn.backProp(net, p.label, nn.Errors.SQUARE);
  };
  const getLoss = (pts) => {
    let loss = 0;
    for (const p of pts) loss += nn.Errors.SQUARE.error(nn.forwardProp(net, p.input), p.label);
    return loss / pts.length;
  };
  let next = 0;
  let lossTrain = 0;
  let lossTest = 0;
  const out = new Float64Array(RES * RES);
  const units = sizes.map((n) => Array.from({ length: n }, () => new Float64Array(UNIT_RES * UNIT_RES)));
  const big = grid(RES);
  const small = grid(UNIT_RES);
  return {
    trainSteps(n) {
      for (let s = 0; s < n; s++) {
        for (let e = 0; e < bs; e++) {
          learn(train[next]);
          next = (next + 1) % train.length;
        }
        nn.updateWeights(net, lr, 0);
      }
      return n * bs;
    },
    // epochs runs n of the page's oneStep.
    epochs(n) {
      for (let s = 0; s < n; s++) {
        train.forEach((p, i) => {
          learn(p);
          if ((i + 1) % bs === 0) nn.updateWeights(net, lr, 0);
        });
        lossTrain = getLoss(train);
        lossTest = getLoss(test);
      }
      return n * train.length;
    },
    refresh() {
      for (let p = 0; p < big.length; p++) out[p] = nn.forwardProp(net, big[p]);
      for (let p = 0; p < small.length; p++) {
        nn.forwardProp(net, small[p]);
        for (let k = 0; k < net.length; k++) {
          const layer = net[k];
          const u = units[k];
          for (let i = 0; i < layer.length; i++) u[i][p] = layer[i].output;
        }
      }
    },
    check() {
      return out[0] + lossTrain + lossTest;
    },
    // loss is the last epoch's mean loss on the training points: a net that
    // learned the circle or the spiral has it well below chance (0.5).
    loss() {
      return lossTrain;
    },
  };
}

// ---- timing ----

// timeReps runs job (which returns its work units) for at least `seconds`
// per rep, after one untimed warm-up rep, and returns per-rep rates
// (units per second).
function timeReps(job, reps, seconds) {
  const rates = [];
  for (let r = -1; r < reps; r++) {
    let units = 0;
    let chunk = 1;
    const t0 = now();
    let t = t0;
    while (t - t0 < seconds) {
      units += job(chunk);
      t = now();
      if (t - t0 < seconds / 20) chunk *= 2;
    }
    if (r >= 0) rates.push(units / (t - t0));
  }
  return rates;
}

async function main() {
  const [file, repsArg, secArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node jsbench.js points.json [reps] [seconds per rep]');
    process.exit(2);
  }
  const reps = Number(repsArg || 5);
  const seconds = Number(secArg || 1);
  const { setups } = JSON.parse(fs.readFileSync(file, 'utf8'));
  await tf.setBackend('cpu');
  await tf.ready();
  const engines = { convnetjs: convnetEngine, 'tfjs-cpu': tfjsEngine };
  const versions = {
    convnetjs: require('convnetjs/package.json').version,
    'tfjs-cpu': tf.version.tfjs,
  };
  if (process.env.TFP_NN) {
    const nn = loadTFP(process.env.TFP_NN);
    engines.tfp = (setup) => tfpEngine(nn, setup);
    versions.tfp = 'nn.ts';
  }
  const only = process.env.JSBENCH_ENGINES ? process.env.JSBENCH_ENGINES.split(',') : null;
  for (const setup of setups) {
    for (const [name, make] of Object.entries(engines)) {
      if (only && !only.includes(name)) continue;
      const eng = make(setup);
      const before = eng.tensors ? eng.tensors() : 0;
      const train = timeReps((n) => eng.trainSteps(n), reps, seconds);
      const epoch = eng.epochs ? timeReps((n) => eng.epochs(n), reps, seconds) : null;
      const perSec = timeReps((n) => { for (let i = 0; i < n; i++) eng.refresh(); return n; }, reps, seconds);
      const heatmap = perSec.map((r) => 1000 / r);
      if (!Number.isFinite(eng.check())) throw new Error(`${name} ${setup.name}: non-finite output`);
      if (eng.tensors && eng.tensors() !== before) throw new Error(`${name} ${setup.name}: leaked ${eng.tensors() - before} tensors`);
      const base = { engine: name, version: versions[name], setup: setup.name, node: process.version };
      console.log(JSON.stringify({ ...base, job: 'train', unit: 'examples/s', reps: train }));
      console.log(JSON.stringify({ ...base, job: 'heatmap', unit: 'ms/refresh', reps: heatmap }));
      if (epoch) console.log(JSON.stringify({ ...base, job: 'epoch', unit: 'examples/s', reps: epoch, loss: eng.loss() }));
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
