#!/usr/bin/env node
// Seconds of the t-copula estimate (src/estimators/t-copula.ts) with its default interval, on Student-t samples of
// n rows and d + d columns (ν = 4, d pairs of dispersion 0.5), against their closed-form MI; on this thread.
//   npm run -s build && node scripts/t-copula-cost.mjs 5000 10 && node scripts/t-copula-cost.mjs 50000 10
import { ESTIMATORS } from "../dist/src/estimators/index.js";
import { pairedCovariance } from "../dist/src/tasks/gaussian-covariances.js";
import { studentTTask } from "../dist/src/tasks/student-t-task.js";

const [n, d] = process.argv.slice(2).map(Number);
const nu = 4;
const rho = 0.5;
const task = studentTTask({ name: "pairs", description: "", dispersion: pairedCovariance(d, rho), dimX: d, nu });
const sample = task.sample(n, 1);
const truth = task.trueMI;
const start = performance.now();
const r = await ESTIMATORS["t-copula"].estimate(sample);
const seconds = (performance.now() - start) / 1000;
console.log(
  `${n} rows × ${d}+${d}: ${r.estimate.toFixed(4)} [${r.ci95.map((v) => v.toFixed(4)).join(", ")}] for ${truth.toFixed(4)}, ` +
    `ν ${r.settings.nu?.toFixed(2)}, ${r.settings.uncertainty}, ${seconds.toFixed(1)} s`,
);
