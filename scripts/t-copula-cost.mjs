#!/usr/bin/env node
// Seconds of the t-copula estimate (src/estimators/t-copula.ts) with its default interval, on Student-t samples of
// n rows and d + d columns (ν = 4, d pairs of dispersion 0.5), against their closed-form MI; on this thread.
//   npm run -s build && node scripts/t-copula-cost.mjs 5000 10 && node scripts/t-copula-cost.mjs 50000 10
import { ESTIMATORS } from "../dist/src/estimators/index.js";
import { createRng } from "../dist/src/math/rng.js";
import { studentTMICorrection } from "../dist/src/tasks/student-t-mi.js";

const [n, d] = process.argv.slice(2).map(Number);
const nu = 4;
const rho = 0.5;
const rng = createRng(1, 2);
const x = new Float64Array(n * d);
const y = new Float64Array(n * d);
for (let i = 0; i < n; i++) {
  let u = 0;
  for (let k = 0; k < nu; k++) u += rng.normal() ** 2;
  const scale = Math.sqrt(nu / u);
  for (let j = 0; j < d; j++) {
    const a = rng.normal();
    x[i * d + j] = a * scale;
    y[i * d + j] = (rho * a + Math.sqrt(1 - rho * rho) * rng.normal()) * scale;
  }
}
const truth = -(d / 2) * Math.log(1 - rho * rho) + studentTMICorrection(d, d, nu);
const start = performance.now();
const r = await ESTIMATORS["t-copula"].estimate({ x: { rows: n, cols: d, data: x }, y: { rows: n, cols: d, data: y } });
const seconds = (performance.now() - start) / 1000;
console.log(
  `${n} rows × ${d}+${d}: ${r.estimate.toFixed(4)} [${r.ci95.map((v) => v.toFixed(4)).join(", ")}] for ${truth.toFixed(4)}, ` +
    `ν ${r.settings.nu?.toFixed(2)}, ${r.settings.uncertainty}, ${seconds.toFixed(1)} s`,
);
