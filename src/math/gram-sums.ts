/** [Σ x_k², Σ y_k², Σ x_k y_k] over k < n: the three sums of a 2×2 Gram matrix, one pass, one accumulator each. */
export function gramSums(x: ArrayLike<number>, y: ArrayLike<number>, n: number): [number, number, number] {
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let k = 0; k < n; k++) {
    const xk = x[k] as number;
    const yk = y[k] as number;
    xx += xk * xk;
    yy += yk * yk;
    xy += xk * yk;
  }
  return [xx, yy, xy];
}
