/**
 * Where KSG's time goes, phase by phase, at each n (the split behind docs/estimators.md, "Speed"):
 *   npm run -s build && node dist/bench/ksg-profile.js [--d 5] [--k 3] [--sizes 1000,10000,100000] [--reps 1]
 * Phases of ksgTerms (estimator 1, standardised Gaussian pairs as bench/ksg.ts): build of the joint tree, k-NN in
 * the joint space, and per marginal the tree build plus the count within the strict radius. Besides the seconds it
 * prints the mean ε and the mean marginal counts n_x, n_y, whose growth with n explains the growth of the counts'
 * cost, and the exponent b of time ∝ n^b (least squares over the sizes) for every phase. countX and countY include
 * the build of their marginal tree (one-dimensional marginals use the sorted-array count instead).
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { standardizeColumns } from "../src/estimators/standardize.js";
import { countWithinRadius, strictRadius } from "../src/neighbors/count-within.js";
import { buildKdTree } from "../src/neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../src/neighbors/knn.js";
import { countWithinRadius1d } from "../src/neighbors/sorted-count.js";
import { fittedExponent, gaussianPairs } from "./ksg.js";

export interface KsgPhases {
  readonly n: number;
  readonly d: number;
  readonly build: number;
  readonly knn: number;
  readonly countX: number;
  readonly countY: number;
  readonly meanEps: number;
  readonly meanNx: number;
  readonly meanNy: number;
}

function seconds(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

function marginal(m: Float64Array, n: number, d: number, radius: Float64Array, out: Int32Array): void {
  if (d === 1) countWithinRadius1d(m, radius, out);
  else countWithinRadius(buildKdTree(m, n, d), radius, out);
}

/** One timed run of the phases of KSG estimator 1 at n rows, d+d dimensions. */
export function profileKsg(n: number, d: number, k: number): KsgPhases {
  const s = gaussianPairs(n, d, 0.6, 2);
  const x = standardizeColumns(s.x).data;
  const y = standardizeColumns(s.y).data;
  const dz = 2 * d;
  const z = new Float64Array(n * dz);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) z[i * dz + c] = x[i * d + c] as number;
    for (let c = 0; c < d; c++) z[i * dz + d + c] = y[i * d + c] as number;
  }
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const ny = new Int32Array(n);
  const radius = new Float64Array(n);
  const t0 = performance.now();
  const tree = buildKdTree(z, n, dz);
  const build = (performance.now() - t0) / 1000;
  const knn = seconds(() => selfKnnMaxNorm(tree, k, eps));
  for (let i = 0; i < n; i++) radius[i] = strictRadius(eps[i] as number);
  const countX = seconds(() => marginal(x, n, d, radius, nx));
  const countY = seconds(() => marginal(y, n, d, radius, ny));
  const mean = (a: ArrayLike<number>, shift: number): number => {
    let t = 0;
    for (let i = 0; i < a.length; i++) t += (a[i] as number) + shift;
    return t / a.length;
  };
  return {
    n,
    d,
    build,
    knn,
    countX,
    countY,
    meanEps: mean(eps, 0),
    meanNx: mean(nx, -1),
    meanNy: mean(ny, -1),
  };
}

function format(rows: readonly KsgPhases[]): string {
  const col = (v: number): string => v.toFixed(3).padStart(9);
  const lines = [
    `KSG estimator 1 phases, d = ${rows[0]?.d}+${rows[0]?.d} (load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")})`,
    "        n     build       knn    countX    countY     total   mean ε  mean n_x  mean n_y",
  ];
  for (const r of rows) {
    const total = r.build + r.knn + r.countX + r.countY;
    lines.push(
      `  ${String(r.n).padStart(7)} ${col(r.build)} ${col(r.knn)} ${col(r.countX)} ${col(r.countY)} ${col(total)}` +
        `  ${r.meanEps.toFixed(4)} ${r.meanNx.toFixed(1).padStart(9)} ${r.meanNy.toFixed(1).padStart(9)}`,
    );
  }
  if (rows.length >= 2) {
    const ns = rows.map((r) => r.n);
    const e = (f: (r: KsgPhases) => number): string => fittedExponent(ns, rows.map(f)).toFixed(2).padStart(9);
    lines.push(
      `  exponent  ${e((r) => r.build)} ${e((r) => r.knn)} ${e((r) => r.countX)} ${e((r) => r.countY)} ` +
        `${e((r) => r.build + r.knn + r.countX + r.countY)}           ${e((r) => r.meanNx)} ${e((r) => r.meanNy)}`,
    );
    const nLogN = fittedExponent(
      ns,
      ns.map((n) => n * Math.log2(n)),
    );
    lines.push(`  (b of time ∝ n^b, least squares over these n; n log₂ n alone gives b = ${nLogN.toFixed(2)})`);
  }
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      d: { type: "string", default: "5" },
      k: { type: "string", default: "3" },
      sizes: { type: "string", default: "1000,10000,100000" },
      reps: { type: "string", default: "1" },
    },
  });
  const d = Number(values.d);
  const k = Number(values.k);
  profileKsg(2000, d, k); // JIT warm-up
  for (let r = 0; r < Number(values.reps); r++) {
    console.log(format(values.sizes.split(",").map((m) => profileKsg(Number(m), d, k))));
  }
}
