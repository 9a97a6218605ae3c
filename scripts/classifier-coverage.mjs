#!/usr/bin/env node
// Coverage of the classifier estimator's 95% interval over seeds (docs/estimators.md, "Classifier"): independent
// labels (0 is the truth and the population bound), Gaussian class-conditionals (label-gaussian tasks, whose truth
// the logistic model reaches) and two well-separated Gaussian classes at small n (truth by quadrature).
//
//     npm run -s build && node scripts/classifier-coverage.mjs [--seeds 30] [--only NAME]
import { classifierEstimator } from "../dist/src/estimators/classifier.js";
import { createRng } from "../dist/src/math/rng.js";
import { getTask } from "../dist/src/tasks/index.js";
import { only, seeds } from "./coverage-args.mjs";

/** Class probabilities: equal, or ∝ 0.6^c (3 classes: 0.51, 0.31, 0.18; 10 classes: 0.40 … 0.004). */
function classProbabilities(classes, imbalanced) {
  const w = Array.from({ length: classes }, (_, c) => (imbalanced ? 0.6 ** c : 1));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

/** n rows: `dim` N(0, 1) features and a label drawn from `probs`, independent of them. */
function independent(n, dim, probs, seed) {
  const rng = createRng(seed, 77);
  const x = Float64Array.from({ length: n * dim }, () => rng.normal());
  const y = Float64Array.from({ length: n }, () => {
    let u = rng.uniform();
    for (let c = 0; c < probs.length; c++) {
      u -= probs[c];
      if (u < 0) return c;
    }
    return probs.length - 1;
  });
  return sample(x, dim, y, n);
}

/** Two equally likely classes, X₁ | Y ~ N(±mu, 1), X₂ ~ N(0, 1) noise. */
function separable(n, mu, seed) {
  const rng = createRng(seed, 78);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.int(2);
    x[2 * i] = (y[i] === 1 ? mu : -mu) + rng.normal();
    x[2 * i + 1] = rng.normal();
  }
  return sample(x, 2, y, n);
}

/** I(X;Y) of `separable`: log 2 − E H(Y|X₁), p(y = 1|x) = σ(2·mu·x), by the trapezoid rule on [−mu−12, mu+12]. */
function separableTruth(mu) {
  const phi = (t) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  const h = 1e-3;
  let conditional = 0;
  for (let t = -mu - 12; t <= mu + 12; t += h) {
    const p = 1 / (1 + Math.exp(-2 * mu * t));
    const hb = p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p);
    conditional += h * 0.5 * (phi(t - mu) + phi(t + mu)) * hb;
  }
  return Math.log(2) - conditional;
}

function sample(x, dim, y, n) {
  return {
    x: { rows: n, cols: dim, data: x },
    y: { rows: n, cols: 1, data: y },
    categories: { x: Array.from({ length: dim }, () => undefined), y: [undefined] },
  };
}

const rows = [];
for (const n of [150, 1000]) {
  for (const classes of [3, 10]) {
    for (const imbalanced of [false, true]) {
      const probs = classProbabilities(classes, imbalanced);
      rows.push({
        name: `independent ${classes} classes${imbalanced ? " (0.6^c)" : ""}, 4 features`,
        n,
        truth: 0,
        draw: (seed) => independent(n, 4, probs, seed),
      });
    }
  }
}
for (const [name, n] of [
  ["label-gaussian-3c-2d", 150],
  ["label-gaussian-3c-2d", 1000],
  ["label-gaussian-3c-4d", 1000],
]) {
  const task = getTask(name);
  rows.push({ name, n, truth: task.trueMI, draw: (seed) => ({ ...task.sample(n, seed), categories: undefined }) });
}
for (const [n, mu] of [
  [30, 3],
  [30, 5],
  [100, 3],
]) {
  rows.push({
    name: `two classes at ±${mu}, 2 features`,
    n,
    truth: separableTruth(mu),
    draw: (seed) => separable(n, mu, seed),
  });
}

console.log(`| table | n | truth | covered | mean estimate | sd | mean width | zero-width | wholly < 0 |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const row of rows) {
  if (only !== "" && !row.name.includes(only)) continue;
  const est = [];
  let covered = 0;
  let width = 0;
  let zero = 0;
  let below = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const r = await classifierEstimator.estimate(row.draw(seed), { seed });
    const [lo, hi] = r.ci95;
    est.push(r.estimate);
    if (lo <= row.truth && row.truth <= hi) covered++;
    width += hi - lo;
    if (hi - lo === 0) zero++;
    if (hi < 0) below++;
  }
  const mean = est.reduce((a, b) => a + b, 0) / seeds;
  const sd = Math.sqrt(est.reduce((a, b) => a + (b - mean) ** 2, 0) / (seeds - 1));
  console.log(
    `| ${row.name} | ${row.n} | ${row.truth.toFixed(3)} | ${covered}/${seeds} | ${mean.toFixed(4)} | ${sd.toFixed(4)} | ` +
      `${(width / seeds).toFixed(4)} | ${zero} | ${below} |`,
  );
}
