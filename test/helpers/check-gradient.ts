import { expect } from "vitest";

/**
 * Checks an analytic gradient against central finite differences: for every p, (f(x + h e_p) − f(x − h e_p)) / 2h,
 * whose error is O(h²) plus the rounding of f over h. `x` is perturbed in place and restored. Passes when
 * |grad_p − fd_p| ≤ atol + rtol·|fd_p| (both default to 1e-8); the failure names the entry (and `what`).
 */
export function checkGradient<T extends Float64Array | Float32Array>(
  x: T,
  f: (x: T) => number,
  grad: ArrayLike<number>,
  options: { readonly h?: number; readonly atol?: number; readonly rtol?: number; readonly what?: string } = {},
): void {
  const h = options.h ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const rtol = options.rtol ?? 1e-8;
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
    if (!(Math.abs(g - fd) <= atol + rtol * Math.abs(fd))) {
      expect.fail(
        `${options.what ?? "gradient"} entry ${p}: analytic ${g}, finite differences ${fd} (h ${h}, atol ${atol}, rtol ${rtol})`,
      );
    }
  }
}
