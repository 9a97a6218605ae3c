import { expect } from "vitest";

/**
 * Checks an analytic gradient against central finite differences: for every p, (f(x + h e_p) − f(x − h e_p)) / 2h,
 * whose error is O(h²) plus the rounding of f over h. `x` is perturbed in place and restored. Passes when
 * |grad_p − fd_p| ≤ tol · (1 + |fd_p|); the failure names the entry.
 */
export function checkGradient(
  x: Float64Array | Float32Array,
  f: (x: Float64Array | Float32Array) => number,
  grad: ArrayLike<number>,
  options: { readonly h?: number; readonly tol?: number } = {},
): void {
  const h = options.h ?? 1e-5;
  const tol = options.tol ?? 1e-8;
  expect(grad.length).toBe(x.length);
  for (let p = 0; p < x.length; p++) {
    const v = x[p] as number;
    x[p] = v + h;
    const up = f(x);
    x[p] = v - h;
    const down = f(x);
    x[p] = v;
    const fd = (up - down) / (2 * h);
    const g = grad[p] as number;
    if (!(Math.abs(g - fd) <= tol * (1 + Math.abs(fd)))) {
      expect.fail(`gradient entry ${p}: analytic ${g}, finite differences ${fd} (h ${h}, tol ${tol})`);
    }
  }
}
