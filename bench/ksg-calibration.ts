/**
 * Calibration of KSG's subsample interval (docs/estimators.md, "Uncertainty"): the true spread of the estimate over
 * independent seeded samples against the mean subsample stderr for several group counts g, and the coverage of
 * estimate ± 1.96·stderr.
 *   npm run -s build && node dist/bench/ksg-calibration.js <n> <d> <rho> <seeds> [groups …]   (default groups 2 5 10)
 * Data: x ~ N(0, I_d), y = ρx + √(1−ρ²)ε (bench/ksg.ts's gaussianPairs, seed 1000 + s), true MI −(d/2)·log(1 − ρ²).
 * Prints one JSON line: n, d, rho, truth, mean, sd (of the estimates), and per g: se<g> (mean stderr), cov<g>.
 */
import { resampleUncertainty } from "../src/estimators/bootstrap.js";
import { ksgValue } from "../src/estimators/ksg.js";
import { takeRows } from "../src/estimators/sample-checks.js";
import { gaussianPairs } from "./ksg.js";

const [n, d, rho, seeds, ...rest] = process.argv.slice(2).map(Number);
if (n === undefined || d === undefined || rho === undefined || seeds === undefined) {
  console.error("usage: ksg-calibration.js <n> <d> <rho> <seeds> [groups …]");
  process.exit(2);
}
const groups = rest.length > 0 ? rest : [2, 5, 10];
const truth = rho === 0 ? 0 : (-d / 2) * Math.log(1 - rho * rho);
const estimates: number[] = [];
const se = new Map<number, number[]>(groups.map((g) => [g, []]));
const covered = new Map<number, number>(groups.map((g) => [g, 0]));
for (let s = 0; s < seeds; s++) {
  const { x, y } = gaussianPairs(n, d, rho, 1000 + s);
  const v = ksgValue(x, y, 3, 1, "standardize");
  estimates.push(v);
  for (const g of groups) {
    const u = resampleUncertainty(v, n, (rows) => ksgValue(takeRows(x, rows), takeRows(y, rows), 3, 1, "standardize"), {
      method: "subsample",
      groups: g,
      replicates: 20,
      seed: s,
    });
    se.get(g)?.push(u.stderr);
    if (u.ci95[0] <= truth && truth <= u.ci95[1]) covered.set(g, (covered.get(g) ?? 0) + 1);
  }
}
const mean = estimates.reduce((a, b) => a + b, 0) / seeds;
const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (seeds - 1));
const row: Record<string, number> = { n, d, rho, truth, mean, sd };
for (const g of groups) {
  row[`se${g}`] = (se.get(g) ?? []).reduce((a, b) => a + b, 0) / seeds;
  row[`cov${g}`] = (covered.get(g) ?? 0) / seeds;
}
console.log(JSON.stringify(row));
