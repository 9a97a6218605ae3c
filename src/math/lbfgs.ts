/** Value and gradient of a smooth function at x: writes the gradient into `grad`, returns the value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Pairs (s, y) kept for the inverse-Hessian estimate. */
  readonly memory?: number;
  readonly maxIterations?: number;
  /** Stop when the gradient's largest entry is below this. */
  readonly gradientTolerance?: number;
}

/** Where L-BFGS stopped. */
export interface LbfgsResult {
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

const maxAbs = (a: Float64Array): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
};

/**
 * Minimises f from x (updated in place) by limited-memory BFGS (Nocedal 1980; Nocedal & Wright 2006, Alg. 7.4 and
 * 7.5): the two-loop recursion gives the direction, a backtracking line search with the Armijo condition the step;
 * a pair that breaks the curvature condition (sᵀy ≤ 0) is skipped. For smooth convex problems — a penalised
 * logistic regression — it reaches the minimum to the gradient tolerance in tens to a few hundred iterations.
 */
export function minimizeLbfgs(f: Objective, x: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 500;
  const tol = options.gradientTolerance ?? 1e-7;
  const n = x.length;
  const g = new Float64Array(n);
  const gNew = new Float64Array(n);
  const xNew = new Float64Array(n);
  const d = new Float64Array(n);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let value = f(x, g);
  for (let it = 0; it < maxIterations; it++) {
    if (!Number.isFinite(value)) return { value, iterations: it, converged: false };
    if (maxAbs(g) < tol) return { value, iterations: it, converged: true };
    // Two-loop recursion: d = −H g.
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let j = s.length - 1; j >= 0; j--) {
      const a = (rho[j] as number) * dot(s[j] as Float64Array, d);
      alpha[j] = a;
      const yj = y[j] as Float64Array;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) - a * (yj[i] as number);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma =
        dot(s[last] as Float64Array, y[last] as Float64Array) / dot(y[last] as Float64Array, y[last] as Float64Array);
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma;
    }
    for (let j = 0; j < s.length; j++) {
      const b = (rho[j] as number) * dot(y[j] as Float64Array, d);
      const sj = s[j] as Float64Array;
      const a = alpha[j] as number;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) + (a - b) * (sj[i] as number);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (a poor curvature estimate): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = dot(g, d);
    }
    let step = it === 0 && s.length === 0 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(g))) : 1;
    let next = Number.NaN;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (d[i] as number);
      next = f(xNew, gNew);
      if (Number.isFinite(next) && next <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(Number.isFinite(next) && next <= value)) return { value, iterations: it, converged: false };
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = (xNew[i] as number) - (x[i] as number);
      yNew[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12 * Math.sqrt(dot(sNew, sNew) * dot(yNew, yNew))) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    const improvement = value - next;
    value = next;
    // Relative change below machine-level noise: as converged as float64 allows.
    if (improvement <= 1e-15 * Math.max(1, Math.abs(value))) return { value, iterations: it + 1, converged: true };
  }
  return { value, iterations: maxIterations, converged: maxAbs(g) < tol };
}
