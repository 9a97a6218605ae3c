#!/usr/bin/env python3
"""Five nonlinear pairs in a 5+5 table, each x column warped: dependence that Mardia's kurtosis test can let through
as a Gaussian copula on a few hundred rows (the measurement behind AUTO_NEURAL_BESIDE_COPULA,
src/estimators/auto-choice.ts).

  /usr/bin/python3 scripts/nonlinear-pairs.py --out /tmp/pairs        # 18 tables + truth.json
  node dist/src/cli/bin.js estimate /tmp/pairs/nonlin5-n300-s2.csv --x x0..x4 --y y0..y4

x_j ~ N(0, 1) independent, y_j = f_j(x_j) + eps/2 with f = x^2, |x|, x^3, sin 2x, exp x; the x columns are then
warped by exp, cube, logistic, sinh and the identity (MI unchanged). The pairs are independent of each other, so the
MI is the sum of the five 1-D ones, I_j = h(y_j) - h(eps/2), h(y_j) by quadrature of p(y) = int phi(x) phi_0.5(y - f(x)) dx
on a fine grid (4.0653 nats in all). Samples: 200, 300, 500 and 1,000 rows (seeds 7000 + 10 n + s) and 2,000 and 5,000
rows (seeds 9000 + 10 n + s), s = 1, 2, 3.
"""
import argparse
import json
import os

import numpy as np
import pandas as pd
from scipy.stats import norm

F = [lambda x: x**2, np.abs, lambda x: x**3, lambda x: np.sin(2 * x), np.exp]
WARPS = [np.exp, lambda z: z**3, lambda z: 1 / (1 + np.exp(-z)), np.sinh, lambda z: z]
NOISE = 0.5


def pair_mi(f):
    """I(x; f(x) + NOISE eps) = h(y) - h(NOISE eps), h(y) on a grid (y above 60 has probability < 4e-5)."""
    xs = np.linspace(-8, 8, 4001)
    wx = norm.pdf(xs) * (xs[1] - xs[0])
    fx = f(xs)
    ys = np.linspace(fx.min() - 6 * NOISE, min(fx.max(), 60) + 6 * NOISE, 6001)
    p = np.array([np.sum(wx * norm.pdf(y - fx, scale=NOISE)) for y in ys])
    h = -np.sum(np.where(p > 0, p * np.log(np.maximum(p, 1e-300)), 0)) * (ys[1] - ys[0])
    return h - 0.5 * np.log(2 * np.pi * np.e * NOISE**2)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    mi = sum(pair_mi(f) for f in F)
    truth = {}
    for n, base in [(200, 7000), (300, 7000), (500, 7000), (1000, 7000), (2000, 9000), (5000, 9000)]:
        for s in (1, 2, 3):
            rng = np.random.default_rng(base + 10 * n + s)
            x = rng.normal(size=(n, 5))
            y = np.column_stack([F[j](x[:, j]) + NOISE * rng.normal(size=n) for j in range(5)])
            xw = np.column_stack([WARPS[j](x[:, j]) for j in range(5)])
            name = f"nonlin5-n{n}-s{s}"
            cols = {f"x{j}": xw[:, j] for j in range(5)} | {f"y{j}": y[:, j] for j in range(5)}
            pd.DataFrame(cols).to_csv(os.path.join(a.out, f"{name}.csv"), index=False)
            truth[name] = {"file": f"{name}.csv", "x": "x0..x4", "y": "y0..y4", "n": n, "mi": round(float(mi), 5)}
    json.dump(truth, open(os.path.join(a.out, "truth.json"), "w"), indent=1)
    print(f"{len(truth)} tables, MI {mi:.4f} nats")


if __name__ == "__main__":
    main()
