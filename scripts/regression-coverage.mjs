#!/usr/bin/env node
// Coverage of the regression estimator's 95% interval over seeds (docs/estimators.md, "Regression"): independent
// data (0 is the truth and the population bound), Gaussian or Cauchy, and y = βᵀx + Gaussian noise, where the
// Gaussian decoder's bound −½ log(1 − R²) is the MI exactly.
//
//     npm run -s build && node scripts/regression-coverage.mjs [--seeds 30] [--only NAME] [--dist DIR]
//
// --dist reads the estimator from another build (a checkout's dist/, for a before/after table).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { arg, only, seeds } from "./coverage-args.mjs";

const dist = resolve(arg("--dist", new URL("../dist", import.meta.url).pathname));
const load = (file) => import(pathToFileURL(`${dist}/src/${file}`).href);
const { regressionEstimator } = await load("estimators/regression.js");
const { createRng } = await load("math/rng.js");

/** A draw: N(0, 1), or Cauchy (a ratio of normals: no mean, no variance). */
const draw = (rng, heavy) => (heavy ? rng.normal() / rng.normal() : rng.normal());

/** n rows of `dim` features and a target, independent of each other. */
function independent(n, dim, heavy, seed) {
  const rng = createRng(seed, 81);
  const x = Float64Array.from({ length: n * dim }, () => draw(rng, heavy));
  const y = Float64Array.from({ length: n }, () => draw(rng, heavy));
  return { x: { rows: n, cols: dim, data: x }, y: { rows: n, cols: 1, data: y } };
}

/** y = βᵀx + noise with x ~ N(0, I), β equal, R² = r2: I(X;Y) = −½ log(1 − R²). */
function linear(n, dim, r2, seed) {
  const rng = createRng(seed, 82);
  const x = Float64Array.from({ length: n * dim }, () => rng.normal());
  const b = Math.sqrt(r2 / (1 - r2) / dim);
  const y = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += b * x[i * dim + j];
    return s + rng.normal();
  });
  return { x: { rows: n, cols: dim, data: x }, y: { rows: n, cols: 1, data: y } };
}

const tasks = [];
for (const n of [200, 2000]) {
  for (const dim of [1, 5, 20]) {
    for (const heavy of [false, true]) {
      tasks.push({
        name: `independent-${heavy ? "cauchy" : "gauss"}-${dim}d-n${n}`,
        truth: 0,
        make: (s) => independent(n, dim, heavy, s),
      });
    }
    for (const r2 of [0.02, 0.5]) {
      tasks.push({
        name: `linear-r2-${r2}-${dim}d-n${n}`,
        truth: -0.5 * Math.log(1 - r2),
        make: (s) => linear(n, dim, r2, s),
      });
    }
  }
}

console.log(`| task | truth | covered | exactly [0, 0] | mean | sd | mean width |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const t of tasks) {
  if (only && !t.name.includes(only)) continue;
  let covered = 0;
  let zero = 0;
  let width = 0;
  const values = [];
  for (let seed = 0; seed < seeds; seed++) {
    const e = await regressionEstimator.estimate(t.make(seed), { seed });
    const [lo, hi] = e.ci95;
    if (lo <= t.truth && t.truth <= hi) covered++;
    if (lo === hi) zero++;
    width += hi - lo;
    values.push(e.estimate);
  }
  const mean = values.reduce((a, b) => a + b, 0) / seeds;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (seeds - 1));
  const f = (v) => v.toFixed(4).replace("-", "−");
  console.log(
    `| ${t.name} | ${f(t.truth)} | ${covered}/${seeds} | ${zero} | ${f(mean)} | ${f(sd)} | ${f(width / seeds)} |`,
  );
}
