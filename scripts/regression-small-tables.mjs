#!/usr/bin/env node
// The regression bound on tables of 12–16 rows (src/estimators/regression.ts, REGRESSION_MIN_ROWS): 40 samples each
// of d normal columns against y = ρ·x₁ + √(1 − ρ²)·noise; the mean, median and largest estimate, and how often the
// interval covers the MI.
//   npm run -s build && node scripts/regression-small-tables.mjs
import { ESTIMATORS } from "../dist/src/estimators/index.js";
import { createRng } from "../dist/src/math/rng.js";

for (const [n, d, rho] of [
  [12, 1, 0],
  [12, 4, 0],
  [16, 4, 0],
  [13, 4, 0.9],
  [16, 2, 0.8],
]) {
  const truth = -0.5 * Math.log(1 - rho * rho);
  const values = [];
  let covered = 0;
  for (let seed = 0; seed < 40; seed++) {
    const rng = createRng(seed, 77);
    const x = Float64Array.from({ length: n * d }, () => rng.normal());
    const y = Float64Array.from({ length: n }, (_, i) => rho * x[i * d] + Math.sqrt(1 - rho * rho) * rng.normal());
    const sample = { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: 1, data: y } };
    const r = await ESTIMATORS.regression.estimate(sample, { seed });
    values.push(r.estimate);
    if (r.ci95[0] <= truth && truth <= r.ci95[1]) covered++;
  }
  values.sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  console.log(
    `${n} rows, ${d}+1, MI ${truth.toFixed(3)}: mean ${mean.toFixed(3)}, median ${values[20].toFixed(3)}, ` +
      `largest ${values[39].toFixed(3)}, covered ${covered}/40`,
  );
}
