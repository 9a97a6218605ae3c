#!/usr/bin/env node
// The hurdle bound's 95% interval at independence (src/estimators/hurdle.ts): 3 normal columns against a target
// independent of them with a point mass at 0 (share 0.3) and a normal part, 1,000 rows, 30 seeds: how often the
// interval contains 0, the mean estimate and the mean width.
//   npm run -s build && node scripts/hurdle-independence.mjs
import { ESTIMATORS } from "../dist/src/estimators/index.js";
import { createRng } from "../dist/src/math/rng.js";

const n = 1000;
let covered = 0;
let sum = 0;
let width = 0;
for (let seed = 0; seed < 30; seed++) {
  const rng = createRng(seed, 17);
  const x = Float64Array.from({ length: 3 * n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.3 ? 0 : 2 + rng.normal()));
  const r = await ESTIMATORS.hurdle.estimate({ x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 1, data: y } });
  if (r.ci95[0] <= 0 && 0 <= r.ci95[1]) covered++;
  sum += r.estimate;
  width += r.ci95[1] - r.ci95[0];
}
console.log(
  `independent, 30% at 0, ${n} rows: 0 covered in ${covered} of 30, mean ${(sum / 30).toFixed(4)}, mean width ${(width / 30).toFixed(4)}`,
);
