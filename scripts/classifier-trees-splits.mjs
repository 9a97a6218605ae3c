#!/usr/bin/env node
// The classifier's boosted trees (capacity trees) on two labels where the rows a fit trains on matter
// (src/estimators/classifier-trees.ts): a label that is exactly the sign of one normal column (12 tables of 300 to
// 2,000 rows; held-out cross-entropy, 0 at best: rows binned with the wrong side cost many nats), and a rare label
// (about 6%) from an interaction of two of four normal columns (10 tables of 500 rows; the bound, higher is better).
// The build to measure is a folder holding dist/, so that two builds can be compared side by side:
//   npm run -s build && node scripts/classifier-trees-splits.mjs [BUILD_DIR]
import path from "node:path";
import { pathToFileURL } from "node:url";

const build = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, ".."));
const load = (file) => import(pathToFileURL(path.join(build, "dist/src", file)).href);
const { classifierEstimator } = await load("estimators/classifier.js");
const { tsKernel } = await load("linalg/ts-kernel.js");
const { createRng } = await load("math/rng.js");

const options = { kernel: tsKernel, seed: 0, labels: "y", capacity: "trees" };
const sample = (n, cols, x, y) => ({ x: { rows: n, cols, data: x }, y: { rows: n, cols: 1, data: y } });
const summary = (values) =>
  `${values.map((v) => v.toFixed(4)).join(" ")}; mean ${(values.reduce((a, b) => a + b) / values.length).toFixed(4)}`;

const sign = [];
for (let seed = 1; seed <= 12; seed++) {
  const n = [300, 600, 1000, 2000][seed % 4];
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(x, (v) => (v > 0 ? 1 : 0));
  sign.push((await classifierEstimator.estimate(sample(n, 1, x, y), options)).settings.crossEntropy);
}
console.log(`sign label, held-out cross-entropy: ${summary(sign)}`);

const rare = [];
for (let seed = 1; seed <= 10; seed++) {
  const n = 500;
  const rng = createRng(seed, 77);
  const x = Float64Array.from({ length: 4 * n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) =>
    Math.abs(x[4 * i]) > 1.6 && x[4 * i + 1] > 0 ? Number(rng.uniform() < 0.9) : Number(rng.uniform() < 0.01),
  );
  rare.push((await classifierEstimator.estimate(sample(n, 4, x, y), options)).estimate);
}
console.log(`rare label, bound (nats): ${summary(rare)}`);
