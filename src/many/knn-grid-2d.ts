import { insertSmallest } from "./k-smallest.js";

/**
 * The max-norm distance from every point (x_i, y_i) to its k-th nearest other point, on a uniform grid of square
 * cells of side h ≥ `cell`: the cells around i are searched ring by ring, nearest rings first, until the k-th distance
 * found is below what any point in a further ring could have. The same doubles as an exhaustive search: distances
 * are max(|fl(x_j − x_i)|, |fl(y_j − y_i)|) as everywhere in KSG, and the stopping rule keeps a whole ring of
 * margin, so rounding in the cell assignment (far below h) can never hide a nearer point.
 *
 * With h near the typical k-th distance a query opens a few dozen points whatever n, where a sweep along one sorted
 * axis opens ~√n when x and y are independent.
 *
 * @returns false (and writes nothing) when even the widened grid would need more than 4n cells (all points on a
 *   line): then the caller sweeps instead
 */
export function gridKnnDistances(
  x: Float64Array,
  y: Float64Array,
  k: number,
  cell: number,
  out: Float64Array,
): boolean {
  const n = x.length;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (a < x0) x0 = a;
    if (a > x1) x1 = a;
    if (b < y0) y0 = b;
    if (b > y1) y1 = b;
  }
  if (!(cell > 0)) return false;
  // No more cells than 4n: where the typical ε is small against the range (heavy tails), the cells grow.
  const h = Math.max(cell, Math.sqrt(((x1 - x0) * (y1 - y0)) / (2 * n)));
  const gx = Math.floor((x1 - x0) / h) + 1;
  const gy = Math.floor((y1 - y0) / h) + 1;
  if (!Number.isFinite(gx * gy) || gx * gy > 4 * n + 16) return false;
  const cx = new Int32Array(n);
  const cy = new Int32Array(n);
  const start = new Int32Array(gx * gy + 1);
  for (let i = 0; i < n; i++) {
    const a = Math.min(gx - 1, Math.floor(((x[i] as number) - x0) / h));
    const b = Math.min(gy - 1, Math.floor(((y[i] as number) - y0) / h));
    cx[i] = a;
    cy[i] = b;
    start[b * gx + a + 1] = (start[b * gx + a + 1] as number) + 1;
  }
  for (let c = 0; c < gx * gy; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  // Points in cell order, coordinates contiguous, with their rows.
  const fill = start.slice(0, gx * gy);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const row = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = (cy[i] as number) * gx + (cx[i] as number);
    const t = fill[c] as number;
    fill[c] = t + 1;
    px[t] = x[i] as number;
    py[t] = y[i] as number;
    row[t] = i;
  }
  const best = new Float64Array(k);
  const maxRing = Math.max(gx, gy);
  for (let i = 0; i < n; i++) {
    const qx = x[i] as number;
    const qy = y[i] as number;
    const ci = cx[i] as number;
    const cj = cy[i] as number;
    best.fill(Number.POSITIVE_INFINITY);
    let worst = Number.POSITIVE_INFINITY;
    let found = 0;
    for (let r = 0; r <= maxRing; r++) {
      // A point in a ring beyond r is at least (r − 1)·h away even with its cell misassigned by one.
      if (found >= k && worst < (r - 1) * h) break;
      const b0 = Math.max(0, cj - r);
      const b1 = Math.min(gy - 1, cj + r);
      for (let b = b0; b <= b1; b++) {
        const edge = b === cj - r || b === cj + r;
        const step = edge ? 1 : 2 * r;
        for (let a = ci - r; a <= ci + r; a += step > 0 ? step : 1) {
          if (a < 0 || a >= gx) continue;
          const c = b * gx + a;
          const end = start[c + 1] as number;
          for (let t = start[c] as number; t < end; t++) {
            if (row[t] === i) continue;
            const dx = (px[t] as number) - qx;
            const dy = (py[t] as number) - qy;
            const dist = Math.max(dx < 0 ? -dx : dx, dy < 0 ? -dy : dy);
            found++;
            if (dist >= worst) continue;
            worst = insertSmallest(best, k, dist);
          }
        }
      }
    }
    out[i] = worst;
  }
  return true;
}
