import { correlationForMI, gaussianPmi } from "../../src/math/gaussian-mi.js";
import { pairedCovariance } from "../../src/tasks/gaussian-covariances.js";
import { gaussianTask } from "../../src/tasks/gaussian-task.js";

/**
 * The K×K score matrix of the optimal critic — the closed-form pmi — on one seeded batch of the paired Gaussian with
 * I nats over d coordinate pairs: S[i*K+j] = pmi(x_i, y_j). An oracle for bound-level tests, independent of training.
 */
export function oracleScores(nats: number, d: number, k: number, seed: number): Float32Array {
  const cov = pairedCovariance(d, correlationForMI(nats, d));
  const task = gaussianTask({ name: "oracle", description: "", cov, dimX: d });
  const pmi = gaussianPmi(cov, d);
  const b = task.sample(k, seed);
  const s = new Float32Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++)
      s[i * k + j] = pmi(b.x.data.subarray(d * i, d * i + d), b.y.data.subarray(d * j, d * j + d));
  return s;
}
