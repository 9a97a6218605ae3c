#!/usr/bin/env node
import { createRng } from "../dist/src/math/rng.js";
// Milliseconds per boosted tree at several table shapes, against the cost units the classifier's TREES_MAX_WORK is
// counted in (rows × columns + 31 × bins a tree; src/estimators/classifier-trees.ts). Synthetic integer columns of
// 256 (or 2) values, 20 iterations without stopping rows, on this thread.
//   npm run -s build && node scripts/tree-cost.mjs
import { BOOSTING_DEFAULTS, fitBoostedSoftmax } from "../dist/src/trees/boosted-softmax.js";
import { binFeatures } from "../dist/src/trees/feature-bins.js";

function run(rows, cols, distinct, classes, iterations) {
  const rng = createRng(1);
  const uniform = () => rng.uniform();
  const data = Float64Array.from({ length: rows * cols }, () => Math.floor(uniform() * distinct));
  const labels = Int32Array.from(
    { length: rows },
    (_, i) => (data[i * cols] + data[i * cols + 1] + Math.floor(uniform() * 3)) % classes,
  );
  const binned = binFeatures({ rows, cols, data });
  const train = Int32Array.from({ length: rows }, (_, i) => i);
  const t = performance.now();
  fitBoostedSoftmax(binned, labels, classes, train, null, { ...BOOSTING_DEFAULTS, maxIterations: iterations });
  const perTree = (performance.now() - t) / (iterations * (classes === 2 ? 1 : classes));
  const units = rows * cols + BOOSTING_DEFAULTS.maxLeaves * binned.offsets[cols];
  console.log(
    `rows ${rows} × cols ${cols}, ${binned.offsets[cols]} bins, ${classes} classes: ${perTree.toFixed(2)} ms a tree, ` +
      `${units} units, ${((1e6 * perTree) / units).toFixed(1)} ns a unit`,
  );
}

run(43_000, 22, 256, 5, 20);
run(4_000, 64, 256, 10, 20);
run(20_000, 10, 256, 5, 20);
run(4_000, 200, 2, 10, 20);
run(2_000, 100, 256, 3, 20);
// Small tables of many classes (a target of few values read as classes): a leaf's cells are fewer than its bins.
run(320, 12, 256, 56, 20);
run(250, 60, 2, 28, 20);
