/**
 * KSG timing against shared/bench/scipy_ref.py, in the same command, on the same data:
 *   npm run -s build && node dist/bench/ksg.js [--n 20000] [--d 5] [--k 3] [--reps 3] [--scaling 1000,10000,100000]
 *                                            [--no-scipy] [--json]
 * 1. Gaussian pairs (x ~ N(0, I_d), y = ρx + √(1−ρ²)ε, ρ = 0.6, seeded) are written to a CSV; scipy_ref.py ksg
 *    reads it (--csv, --dx d) and times only its estimator (standardise + cKDTree kNN + two ball counts); we time
 *    ksgValue (standardise + k-d tree kNN + two counts) on the same floats. Both run `reps` times, alternating;
 *    medians are compared, and the estimates must agree to 1e-4.
 * 2. Scaling: our time at each n of --scaling, at d+d and at 1+1 (median of --reps runs, each dimension warmed up
 *    first), with time / (n log₂ n): flat means n log n; and
 *    the exponent b of time ∝ n^b fitted by least squares on log t against log n, beside the b that n log₂ n
 *    itself would give over the same sizes (1.11 over 10³ … 10⁵), so growth faster than n log n shows as a number.
 * The machine's load average is printed: timings on a shared machine are noisy.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ksgValue } from "../src/estimators/ksg.js";
import { createRng } from "../src/math/rng.js";
import type { Matrix } from "../src/types.js";
import { writePairsCsv } from "./process-timing.js";
import { referenceScript } from "./reference-script.js";

/** shared/bench/scipy_ref.py (reference-script.ts says where it is looked for). */
export function scipyRefPath(): string {
  return referenceScript("scipy_ref.py");
}

export function gaussianPairs(
  n: number,
  d: number,
  rho: number,
  seed: number,
): { x: Matrix<Float64Array>; y: Matrix<Float64Array> } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  const c = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    y[i] = rho * a + c * rng.normal();
  }
  return { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: d, data: y } };
}

export function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function timeOurs(x: Matrix<Float64Array>, y: Matrix<Float64Array>, k: number): { seconds: number; estimate: number } {
  const t0 = performance.now();
  const estimate = ksgValue(x, y, k, 1, "standardize");
  return { seconds: (performance.now() - t0) / 1000, estimate };
}

function runScipy(csv: string, d: number, k: number): { seconds: number; estimate: number } {
  const out = spawnSync(
    "/usr/bin/python3",
    [scipyRefPath(), "ksg", "--csv", csv, "--dx", String(d), "--k", String(k)],
    {
      encoding: "utf8",
    },
  );
  if (out.status !== 0) throw new Error(`scipy_ref.py failed: ${out.stderr}`);
  const r = JSON.parse(out.stdout) as { seconds: number; estimate: number };
  return { seconds: r.seconds, estimate: r.estimate };
}

export interface KsgBenchResult {
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly reps: number;
  readonly oursSeconds: number;
  readonly scipySeconds: number | null;
  readonly ratio: number | null;
  readonly ours: number;
  readonly scipy: number | null;
  readonly scaling: readonly { n: number; d: number; seconds: number; perNLogN: number }[];
  /** Per dimension of the scaling study: fitted exponent of time ∝ n^b, and the b of n log₂ n on the same sizes. */
  readonly exponents: readonly {
    d: number;
    exponent: number;
    nLogNExponent: number;
    /** The same between the two largest sizes, where fixed costs no longer blur the slope. */
    lastExponent: number;
    lastNLogNExponent: number;
  }[];
  readonly loadAverage: readonly number[];
}

/** Runs the comparison and the scaling study; returns the figures. */
export function benchKsg(options: {
  n?: number;
  d?: number;
  k?: number;
  reps?: number;
  scaling?: readonly number[];
  scipy?: boolean;
}): KsgBenchResult {
  const n = options.n ?? 20000;
  const d = options.d ?? 5;
  const k = options.k ?? 3;
  const reps = options.reps ?? 3;
  const useScipy = (options.scipy ?? true) && existsSync(scipyRefPath());
  const { x, y } = gaussianPairs(n, d, 0.6, 0);
  const dir = mkdtempSync(join(tmpdir(), "infonce-ksg-"));
  const csv = join(dir, "data.csv");
  writePairsCsv(csv, x, y);
  const ours: number[] = [];
  const theirs: number[] = [];
  let oursEstimate = Number.NaN;
  let scipyEstimate: number | null = null;
  timeOurs(gaussianPairs(2000, d, 0.6, 1).x, gaussianPairs(2000, d, 0.6, 1).y, k); // JIT warm-up
  try {
    for (let r = 0; r < reps; r++) {
      const o = timeOurs(x, y, k);
      ours.push(o.seconds);
      oursEstimate = o.estimate;
      if (useScipy) {
        const s = runScipy(csv, d, k);
        theirs.push(s.seconds);
        scipyEstimate = s.estimate;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (scipyEstimate !== null && Math.abs(scipyEstimate - oursEstimate) > 1e-4) {
    throw new Error(`KSG disagrees with scipy_ref.py: ${oursEstimate} vs ${scipyEstimate}`);
  }
  // At the benchmark dimension and at 1+1, where the k-d tree is in its n log n regime.
  // Each dimension gets its own warm-up: 1+1 runs other code (sorted-array counts) than d+d, and without one its
  // first size timed the JIT (0.08 s at n = 10³ against 0.006 s warm), which made 1+1 look sub-linear.
  // Each size is the median of `reps` runs, like the comparison above.
  const scaling = [d, 1].flatMap((dim) => {
    const w = gaussianPairs(2000, dim, 0.6, 1);
    timeOurs(w.x, w.y, k);
    return (options.scaling ?? [1000, 10000, 100000]).map((m) => {
      const s = gaussianPairs(m, dim, 0.6, 2);
      const t = median(Array.from({ length: Math.max(1, reps) }, () => timeOurs(s.x, s.y, k).seconds));
      return { n: m, d: dim, seconds: t, perNLogN: t / (m * Math.log2(m)) };
    });
  });
  const exponents = [d, 1].map((dim) => {
    const rows = scaling.filter((s) => s.d === dim);
    const last = rows.slice(-2);
    return {
      d: dim,
      exponent: fittedExponent(
        rows.map((s) => s.n),
        rows.map((s) => s.seconds),
      ),
      nLogNExponent: fittedExponent(
        rows.map((s) => s.n),
        rows.map((s) => s.n * Math.log2(s.n)),
      ),
      lastExponent: fittedExponent(
        last.map((s) => s.n),
        last.map((s) => s.seconds),
      ),
      lastNLogNExponent: fittedExponent(
        last.map((s) => s.n),
        last.map((s) => s.n * Math.log2(s.n)),
      ),
    };
  });
  const oursSeconds = median(ours);
  const scipySeconds = theirs.length > 0 ? median(theirs) : null;
  return {
    n,
    d,
    k,
    reps,
    oursSeconds,
    scipySeconds,
    ratio: scipySeconds === null ? null : scipySeconds / oursSeconds,
    ours: oursEstimate,
    scipy: scipyEstimate,
    scaling,
    exponents,
    loadAverage: loadavg(),
  };
}

/** Human-readable report of a result. */
export function formatKsgBench(r: KsgBenchResult): string {
  const lines = [
    `KSG estimator 1, n = ${r.n}, d = ${r.d}+${r.d}, k = ${r.k} (load average ${r.loadAverage.map((v) => v.toFixed(2)).join(" ")})`,
    `  infonce   ${r.oursSeconds.toFixed(3)} s   estimate ${r.ours.toFixed(10)}`,
  ];
  if (r.scipySeconds !== null && r.scipy !== null && r.ratio !== null) {
    lines.push(`  scipy_ref ${r.scipySeconds.toFixed(3)} s   estimate ${r.scipy.toFixed(10)}`);
    lines.push(
      `  speed-up  ${r.ratio.toFixed(2)}× (scipy_ref / infonce, medians)   |Δ| = ${Math.abs(r.ours - r.scipy).toExponential(1)}`,
    );
  } else lines.push("  scipy_ref not run (not found or --no-scipy)");
  lines.push(`  scaling (infonce, median of ${r.reps} run${r.reps === 1 ? "" : "s"} per size):`);
  lines.push("                       d       n    seconds   µs / (n log₂ n)");
  for (const s of r.scaling) {
    lines.push(
      `  ${`${s.d}+${s.d}`.padStart(22)} ${String(s.n).padStart(7)} ${s.seconds.toFixed(3).padStart(10)}   ${(s.perNLogN * 1e6).toFixed(3)}`,
    );
  }
  for (const e of r.exponents) {
    if (!Number.isNaN(e.exponent)) {
      lines.push(
        `  ${`${e.d}+${e.d}`.padStart(22)}   time ∝ n^${e.exponent.toFixed(2)} (least squares; n log₂ n alone: n^${e.nLogNExponent.toFixed(2)}), ` +
          `n^${e.lastExponent.toFixed(2)} over the last two sizes (n log₂ n: n^${e.lastNLogNExponent.toFixed(2)})`,
      );
    }
  }
  return lines.join("\n");
}

/** Least-squares slope of log y on log x: the b of y ∝ x^b (NaN with fewer than two distinct x). */
export function fittedExponent(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += ((lx[i] as number) - mx) * ((ly[i] as number) - my);
    sxx += ((lx[i] as number) - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "20000" },
      d: { type: "string", default: "5" },
      k: { type: "string", default: "3" },
      reps: { type: "string", default: "3" },
      scaling: { type: "string", default: "1000,10000,100000" },
      "no-scipy": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const r = benchKsg({
    n: Number(values.n),
    d: Number(values.d),
    k: Number(values.k),
    reps: Number(values.reps),
    scaling: values.scaling ? values.scaling.split(",").map(Number) : [],
    scipy: !values["no-scipy"],
  });
  console.log(values.json ? JSON.stringify(r) : formatKsgBench(r));
}
